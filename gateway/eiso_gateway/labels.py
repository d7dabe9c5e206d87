"""Texts the pages show that the gateway does not write itself, marked for the catalogue.

Labels of the contract (roles, actions, tabs, statuses), names of the dossier
types and steps (the workflow's definitions) and the sentences the services
answer with arrive as data and are translated where they are shown. Listed
here so ``pybabel extract`` finds them; a test checks that every label of the
contract and of the definitions is in this list, so a new one cannot miss its
English.
"""
from .i18n import N_

CONTRACT_LABELS = (
    # eiso_contracts.rpc.common.ROLES
    N_("Lãnh đạo đơn vị"), N_("Thư ký ISO"), N_("Trưởng phòng"), N_("Chuyên viên"), N_("Đánh giá viên nội bộ"),
    N_("Quản trị hệ thống"),
    # eiso_contracts.rpc.workflow: ACTION_LABELS, TAB_LABELS, TIMING_LABELS, DOSSIER_STATUS_LABELS
    N_("Chưa chuyển (chỉ lưu thông tin, không gửi đi)"), N_("Duyệt"), N_("Không duyệt"), N_("Bổ sung"),
    N_("Theo dõi"), N_("Chưa xử lý"), N_("Đã xử lý"), N_("Hoàn thành hồ sơ"),
    N_("Trễ hạn"), N_("Đúng hạn"), N_("Trước hạn"), N_("Chưa/Không đi qua"),
    N_("Đang xử lý"), N_("Hoàn thành"),
    # eiso_contracts.rpc.quality.POLICY_STATUSES
    N_("Trình duyệt"), N_("Đã duyệt"), N_("Đang áp dụng"), N_("Hết hiệu lực"),
    # eiso_contracts.rpc.audit: PROGRAMME_STATUSES, PLAN_STATUSES, FINDING_KINDS, ANSWER_RESULTS, PROGRESS_STATES
    N_("Chờ phê duyệt"), N_("Đã phê duyệt"), N_("Đã thay thế"), N_("Đã lập kế hoạch"), N_("Đã có báo cáo"),
    N_("Điểm phù hợp"), N_("Điểm không phù hợp"), N_("Điểm lưu ý"), N_("Phù hợp"), N_("Không phù hợp"),
    N_("Lưu ý"), N_("Chưa lập kế hoạch"), N_("Đã đánh giá"),
    # eiso_contracts.rpc.quality_nonconformity: NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES
    N_("Đánh giá nội bộ"), N_("Phản ánh, khiếu nại"), N_("Mục tiêu chất lượng không đạt"), N_("Khác"),
    N_("Chờ phân tích nguyên nhân"), N_("Chờ Lãnh đạo phê duyệt"), N_("Đang thực hiện khắc phục"),
    N_("Chờ xác nhận hiệu lực"), N_("Mở lại"), N_("Đã đóng"),
    # eiso_contracts.rpc.quality_improvement.IMPROVEMENT_STATUSES
    N_("Đã chỉ đạo"), N_("Đã ghi nhận"), N_("Đã triển khai"),
    # content rules of CorrectiveActionContent, shown in form messages
    N_("cần ít nhất một câu trả lời \"tại sao\""), N_("tối đa 5 câu \"tại sao\""),
    N_("mỗi câu trả lời tối đa 1000 ký tự"),
    # eiso_contracts.rpc.context_analysis.ANALYSIS_STATUSES, rpc.quality_objectives.OBJECTIVES_STATUSES, PERIODS
    N_("Chưa phê duyệt"), N_("Đã phê duyệt"), N_("Tháng"), N_("Quý"), N_("Năm"),
    # titles of the content models' fields (eiso_contracts.content field_titles), in form messages
    N_("Năm phân tích"), N_("Điểm mạnh"), N_("Điểm yếu"), N_("Cơ hội"), N_("Thách thức"), N_("Các bên quan tâm"),
    N_("Phạm vi áp dụng"), N_("Điều khoản không áp dụng"), N_("Các quá trình"), N_("Bên quan tâm"),
    N_("Nhu cầu và mong đợi"), N_("Điều khoản"), N_("Lý do không áp dụng"), N_("Tên quá trình"), N_("Đơn vị chủ trì"),
    N_("Chính sách"), N_("Mục tiêu chất lượng"), N_("Tên mục tiêu"), N_("Đo lường (%)"), N_("Phương châm"),
    # the half of the day a step was done (StepView.done_half_day)
    N_("Sáng"), N_("Chiều"),
    # the workflow's short action labels on the timeline and in the history
    N_("Chưa chuyển"),
    # eiso_contracts.content.DOCUMENT_TYPES and eiso_contracts.rpc.documents: VERSION_STATUSES, REGISTER_STATES,
    # RECORD_TYPES, RECORD_STATES, LOAN_STATUSES, DESTRUCTION_STATUSES, SEARCH_KINDS
    N_("Quy chế"), N_("Quy trình"), N_("Hướng dẫn"), N_("Biểu mẫu"), N_("Tài liệu bên ngoài"),
    N_("Đang hiệu lực"), N_("Chờ duyệt"),
    N_("Hồ sơ chất lượng (ISO)"), N_("Hồ sơ công việc"), N_("Hồ sơ nhiệm vụ"), N_("Hồ sơ thủ tục hành chính"),
    N_("Hồ sơ khác"), N_("Đang lưu trữ"), N_("Đang cho mượn"), N_("Đề xuất hủy"), N_("Đã hủy"),
    N_("Đang mượn"), N_("Đã trả"), N_("Tài liệu"), N_("Hồ sơ lưu trữ"),
    # field titles of DocumentVersionContent and DestructionContent, and their rules, in form messages
    N_("STTNB"), N_("Tên tài liệu"), N_("Loại tài liệu"), N_("Phòng ban chủ trì"), N_("Tóm tắt thay đổi"),
    N_("Ngày hiệu lực"), N_("Ngày rà soát"), N_("Phân phối"), N_("Hồ sơ đề xuất hủy"), N_("Lý do hủy"),
    N_("Ngày rà soát phải sau ngày hiệu lực"), N_("cần chọn ít nhất một hồ sơ"),
    # content rules of eiso_contracts.content, shown in form messages
    N_("mỗi nội dung chính sách tối đa 500 ký tự"), N_("cần ít nhất một nội dung chính sách"),
    N_("chứa ký tự điều khiển không hợp lệ"), N_("mỗi vấn đề tối đa 500 ký tự"), N_("cần ít nhất một dòng"),
)

DEFINITION_LABELS = (
    # services/workflow/eiso_workflow/definitions/*.yml: type names, step names, approve labels
    N_("Lập chính sách chất lượng"), N_("Thư ký ISO lập chính sách chất lượng"), N_("Lãnh đạo phê duyệt"),
    N_("Ban hành chính sách chất lượng"), N_("Ban hành"), N_("Ghi nhận"),
    # improvement.yml (type 6)
    N_("Cải tiến liên tục"), N_("Lãnh đạo phê duyệt đề xuất cải tiến"), N_("Lãnh đạo chỉ đạo"),
    N_("Thư ký ISO ghi nhận"), N_("Phòng ban triển khai thực hiện"), N_("Thư ký ISO ghi nhận kết quả"),
    N_("Phê duyệt"), N_("Báo cáo kết quả"),
    # corrective_action.yml (type 11); context_analysis.yml (10) and objectives.yml (3) below
    N_("Hành động khắc phục"), N_("Ghi nhận điểm không phù hợp"),
    N_("Trưởng phòng phân tích nguyên nhân và đề xuất hành động khắc phục"),
    N_("Lãnh đạo phê duyệt hành động khắc phục"), N_("Thực hiện hành động khắc phục"),
    N_("Đánh giá viên xác nhận hiệu lực"), N_("Báo cáo hoàn thành"), N_("Đóng"),
    N_("Phê duyệt bối cảnh tổ chức"), N_("Thư ký ISO lập phân tích bối cảnh tổ chức"),
    N_("Lãnh đạo phê duyệt bối cảnh tổ chức"), N_("Phê duyệt"),
    N_("Xây dựng, chỉnh sửa mục tiêu chất lượng"), N_("Thư ký ISO xây dựng mục tiêu chất lượng"),
    N_("Soạn thảo, phê duyệt tài liệu"), N_("Thư ký ISO soạn thảo tài liệu"), N_("Lãnh đạo phê duyệt tài liệu"),
    N_("Hủy hồ sơ hết thời hạn lưu trữ"), N_("Thư ký ISO đề xuất danh sách hủy"),
    N_("Lãnh đạo phê duyệt hủy hồ sơ"),
)

SERVICE_MESSAGES = (
    # sentences of the services a page shows as they come (refusals on forms, flashes)
    N_("Tên đăng nhập hoặc mật khẩu không đúng."), N_("Mật khẩu hiện tại không đúng."),
    N_("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại."),
    N_("Hệ thống đang bận xử lý nhiều lượt đăng nhập. Vui lòng thử lại sau ít phút."),
    N_("Mật khẩu không được trùng với tên đăng nhập."), N_("Mật khẩu mới phải khác mật khẩu hiện tại."),
    N_("Mật khẩu này quá phổ biến hoặc dễ đoán (như 12345678, password, matkhau@2026, tên đăng nhập, họ tên, "
       "ngày tháng hay dãy phím liền nhau). Vui lòng chọn mật khẩu khác, ví dụ một cụm vài từ dễ nhớ với bạn."),
    N_("Mã phòng ban đã tồn tại trong đơn vị."), N_("Chỉ quản trị hệ thống mới được thực hiện thao tác này."),
    N_("Bạn không thể tự vô hiệu hóa tài khoản của chính mình."), N_("Không tìm thấy tệp."),
    N_("Không tìm thấy chính sách chất lượng."), N_("Chỉ Thư ký ISO được lập chính sách chất lượng."),
    # the audit service's refusals shown on its forms and flashes
    N_("Chỉ Thư ký ISO được lập chương trình đánh giá nội bộ."),
    N_("Chỉ Lãnh đạo đơn vị được phê duyệt chương trình đánh giá nội bộ."),
    N_("Chương trình đánh giá không thay đổi so với bản đã phê duyệt."),
    N_("Chỉ Thư ký ISO hoặc đánh giá viên nội bộ được lập kế hoạch đánh giá."),
    N_("Phòng ban đã chọn không thuộc đơn vị."), N_("Không tìm thấy cuộc đánh giá."),
    N_("Cuộc đánh giá đã có báo cáo; không ghi nhận thêm được."), N_("Cuộc đánh giá đã có báo cáo."),
    N_("Chỉ trưởng đoàn và thành viên đoàn đánh giá được ghi nhận trong cuộc đánh giá này."),
    N_("Chỉ trưởng đoàn đánh giá được lập báo cáo đánh giá."),
    N_("Phòng ban của phát hiện phải là một phòng ban được đánh giá trong cuộc đánh giá này."),
    # the quality service's refusals about nonconformities and improvements
    N_("Không tìm thấy điểm không phù hợp."), N_("Không tìm thấy đề xuất cải tiến."),
    N_("Chỉ Lãnh đạo đơn vị được phê duyệt đề xuất cải tiến."),
    N_("Đề xuất cải tiến này đã được xử lý (đã phê duyệt hoặc không duyệt)."),
    N_("Phòng ban này chưa có Trưởng phòng và đơn vị chưa có Thư ký ISO để giao khắc phục."),
    # context analyses and objectives (manual sections 1 and 3)
    N_("Không tìm thấy phân tích bối cảnh tổ chức."), N_("Chỉ Thư ký ISO được lập phân tích bối cảnh tổ chức."),
    N_("Chỉ Lãnh đạo đơn vị được áp dụng phân tích bối cảnh tổ chức."),
    N_("Chỉ áp dụng được phân tích bối cảnh đã được phê duyệt."), N_("Vui lòng nhập lý do không duyệt (Ý kiến)."),
    N_("Không tìm thấy mục tiêu chất lượng."), N_("Chỉ Thư ký ISO được xây dựng mục tiêu chất lượng."),
    N_("Chính sách chất lượng đã chọn không có hoặc chưa được ban hành. Vui lòng chọn lại chính sách."),
    N_("Chỉ Trưởng phòng của phòng ban này được đặt mục tiêu và nhập kết quả đo lường của phòng."),
    N_("Bạn không có quyền xem kết quả đo lường mục tiêu chất lượng."),
    N_("Đơn vị chưa có mục tiêu chất lượng đang áp dụng."), N_("Không tìm thấy mục tiêu của phòng ban."),
    N_("Mỗi mục tiêu chỉ được chọn một lần."),
    N_("Mục tiêu này không còn áp dụng cho phòng ban; không nhập kết quả được."),
    # the documents service's section 7 refusals and the flashes of its pages
    N_("Không tìm thấy tài liệu."), N_("Không tìm thấy hồ sơ lưu trữ."), N_("Không tìm thấy yêu cầu mượn hồ sơ."),
    N_("Không tìm thấy danh sách hủy hồ sơ."), N_("Chỉ Thư ký ISO được soạn thảo tài liệu và phiên bản mới."),
    N_("Cần đính kèm tệp của tài liệu (PDF, Word, Excel…)."),
    N_("Tài liệu này không được phân phối cho phòng ban của bạn."),
    N_("Chỉ xác nhận đã đọc phiên bản đang hiệu lực của tài liệu."),
    N_("Chỉ Thư ký ISO, hoặc Trưởng phòng với hồ sơ của phòng mình, được lưu trữ hồ sơ."),
    N_("Chỉ Trưởng phòng của phòng quản lý hồ sơ được duyệt yêu cầu mượn."),
    N_("Chỉ Thư ký ISO hoặc Trưởng phòng quản lý hồ sơ được ghi nhận trả hồ sơ."),
    N_("Chỉ Thư ký ISO được đề xuất danh sách hủy hồ sơ."),
    N_("Hồ sơ này đang được cho mượn; chỉ đăng ký mượn sau khi hồ sơ được trả."),
    N_("Hồ sơ này đang nằm trong danh sách đề xuất hủy, không thể cho mượn."),
    N_("Hồ sơ này đã bị hủy, không thể cho mượn."), N_("Yêu cầu mượn này đã được xử lý."),
    N_("Đã xác nhận đã đọc tài liệu."), N_("Đã lưu trữ hồ sơ."), N_("Đã đăng ký mượn hồ sơ; chờ Trưởng phòng duyệt."),
    N_("Đã duyệt cho mượn hồ sơ."), N_("Đã từ chối yêu cầu mượn hồ sơ."), N_("Đã ghi nhận trả hồ sơ."),
    N_("Số, ký hiệu: không được để trống"), N_("Tên hồ sơ: không được để trống"),
    N_("Ngày kết thúc: nhập ngày dạng dd/mm/yyyy"), N_("Phòng ban: vui lòng chọn phòng ban"),
    N_("Thời hạn lưu trữ: nhập số năm từ 1 đến 100, hoặc chọn Vĩnh viễn."),
    N_("Hồ sơ: vui lòng chọn hồ sơ cần mượn"), N_("Lý do mượn: không được để trống"),
    N_("Ngày mượn: nhập ngày dạng dd/mm/yyyy"), N_("Hạn trả: nhập ngày dạng dd/mm/yyyy"),
    N_("Hạn trả không được trước ngày mượn"),
)
