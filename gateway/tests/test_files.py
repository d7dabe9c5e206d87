"""Tập tin: downloads are streamed, only within the person's unit, always as attachments."""


def test_download_streams_the_bytes(client, auth):
    auth.login()
    response = client.get("/files/f-seed")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.data == b"%PDF-"
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20ch%C3%ADnh%20s%C3%A1ch.pdf" in response.headers["Content-Disposition"]
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert response.headers["Content-Length"] == "5"


def test_a_file_of_another_unit_is_refused_before_any_byte(client, auth, documents, fake):
    auth.login()
    response = client.get("/files/f-other")
    assert response.status_code == 403
    assert "Tệp này thuộc đơn vị khác." in response.get_data(as_text=True)  # the documents service's refusal
    (cmd,), _ = fake.last("documents", "grant_download")
    assert (cmd["actor"]["id"], cmd["actor"]["unit_code"], cmd["file_id"]) == ("p-leader", "SONGANH", "f-other")


def test_the_endpoint_is_reached_only_with_a_grant_for_the_signed_in_person(client, auth, documents, fake):
    auth.login()
    assert client.get("/files/f-seed").data == b"%PDF-"
    (cmd,), _ = fake.last("documents", "grant_download")
    assert cmd["actor"]["id"] == "p-leader" and fake.documents.grants == {}  # the grant was used (and only once)
    import requests

    assert requests.get(f"{documents.url}/files/f-seed", timeout=5).status_code == 401  # without one: refused


def test_unknown_file_is_404(client, auth):
    auth.login()
    assert client.get("/files/nope").status_code == 404


def test_anonymous_cannot_download(client):
    response = client.get("/files/f-seed")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_documents_endpoint_down_is_503(client, auth, documents):
    auth.login()
    documents.stop()
    response = client.get("/files/f-seed")
    assert response.status_code == 503
    assert "Hệ thống tạm thời không sẵn sàng" in response.get_data(as_text=True)


def test_content_disposition_is_safe_and_readable():
    from eiso_gateway.areas.files.routes import content_disposition

    header = content_disposition('Tờ trình "Đề án"\r\n.pdf')
    assert header.startswith('attachment; filename="To trinh De an.pdf"; filename*=UTF-8\'\'')
    assert "\r" not in header and "\n" not in header
