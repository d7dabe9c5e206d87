"""What an uploaded file really is (read from its bytes, not its name), and the text inside it."""
