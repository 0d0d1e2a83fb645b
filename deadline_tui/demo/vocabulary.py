"""Words for generated task books, drawn from real People's Committee reports
(../shared/seeds): units, leaders, source documents, directive titles and deadline
phrases. Names of people are invented."""

UNITS = (
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Sở Tư pháp",
    "Sở Nội vụ",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Quản lý Khu kinh tế tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Ban Dân tộc tỉnh",
    "UBND thành phố Hà Tĩnh",
    "UBND thị xã Kỳ Anh",
    "UBND thị xã Hồng Lĩnh",
    "UBND huyện Cẩm Xuyên",
    "UBND huyện Thạch Hà",
    "UBND huyện Can Lộc",
    "UBND huyện Hương Khê",
    "UBND huyện Đức Thọ",
    "UBND huyện Vũ Quang",
    "UBND huyện Lộc Hà",
)

LEADERS = (
    "Chủ tịch UBND tỉnh Nguyễn Văn Hòa",
    "PCT Thường trực Trần Minh Đức",
    "PCT Lê Thị Hương",
    "PCT Phạm Quốc Anh",
    "PCT Đặng Ngọc Ánh",
)

FOLLOWERS = ("Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thu Trang", "Hoàng Đức Thắng", "Võ Thị Ánh")

# The document that assigned a task, signed the day it was assigned (the day "kể từ ngày
# ký" deadlines count from).
SOURCES = (
    "Chương trình 10/CTr-UBND ngày {signed}",
    "Thông báo 80/TB-UBND ngày {signed}",
    "Kế hoạch 01/KH-UBND ngày {signed}",
    "Quyết định 2159/QĐ-UBND ngày {signed}",
    "Chỉ thị 05/CT-UBND ngày {signed}",
    "Thông báo 503/TB-UBND ngày {signed}",
    "Công văn 1836/UBND-NL ngày {signed}",
    "Kết luận 112/KL-UBND ngày {signed}",
    "Thông báo 214/TB-UBND ngày {signed}",
    "Kế hoạch 76/KH-UBND ngày {signed}",
    "Quyết định 1400/QĐ-UBND ngày {signed}",
    "Chương trình 20/CTr-UBND ngày {signed}",
    "Thông báo 367/TB-UBND ngày {signed}",
    "Công văn 4520/UBND-TH ngày {signed}",
    "Nghị quyết 01/NQ-CP ngày {signed} (mục II)",
    "Kế hoạch 363/KH-UBND ngày {signed}",
)

TITLES = (
    "Hoàn thiện, trình phê duyệt Kế hoạch đầu tư công trung hạn 5 năm 2021 - 2025",
    "Đôn đốc, kiểm tra việc thực hiện các kết luận của thanh tra, kiểm toán",
    "Soát xét kế hoạch thanh tra, kiểm tra năm của các sở, ban, ngành, địa phương",
    "Tiếp tục triển khai sắp xếp tinh gọn bộ máy theo Nghị quyết Trung ương 6 khóa XII",
    "Tăng cường thanh tra theo chuyên đề, có trọng tâm trọng điểm, giảm thanh tra vụ việc",
    "Tham mưu xây dựng và tổ chức triển khai Kiến trúc chính quyền điện tử cấp tỉnh phiên bản 2",
    "Chủ động thực hiện tốt công tác chuẩn bị, ứng phó với thiên tai trước mùa mưa bão",
    "Rà soát đánh giá toàn diện các vụ việc đang còn tồn đọng thuộc trách nhiệm tham mưu quản lý",
    "Chủ trì, phối hợp các ngành, địa phương tổ chức thực hiện tốt công tác tiếp dân, xử lý đơn thư",
    "Chỉ đạo sắp xếp lại hệ thống trường mầm non và phổ thông theo lộ trình của Đề án đã phê duyệt",
    "Xây dựng chương trình, kế hoạch triển khai thực hiện Quy hoạch tỉnh sau khi Thủ tướng Chính phủ phê duyệt",
    "Kịp thời triển khai nghiên cứu tổng thể và các giải pháp tăng khả năng phòng lũ, thoát lũ hạ du hồ Kẻ Gỗ",
    "Tăng cường công tác quản lý hoạt động khai thác khoáng sản, xử lý việc khai thác đất mặt trái phép",
    "Tiếp tục thực hiện việc kiện toàn tổ chức bộ máy ngành Y tế theo tinh thần Nghị quyết Trung ương sáu khóa XII",
    "Hoàn thành điều chỉnh Quy hoạch chung xây dựng Khu kinh tế cửa khẩu Quốc tế Cầu Treo đến năm 2025",
    "Tăng cường công tác đảm bảo trật tự, an toàn giao thông và quản lý hành lang an toàn giao thông trên địa bàn tỉnh",
    "Tăng cường chỉ đạo, tuyên truyền, nâng cao ý thức phòng, chống dịch, tuyệt đối không chủ quan trước dịch bệnh",
    "Chỉ đạo triển khai thực hiện cấp phát quà Tết đầy đủ, kịp thời cho hộ nghèo, hộ cận nghèo, gia đình chính sách",
    "Tổ chức triển khai dự toán ngân sách nhà nước, kế hoạch đầu tư công ngay từ đầu năm",
    "Tăng cường kiểm soát việc tuân thủ quy trình, nâng cao chất lượng xây dựng, thẩm định văn bản quy phạm pháp luật",
    "Chủ động nắm chắc diễn biến, triển khai hiệu quả các phương án phòng ngừa, ứng phó thiên tai và biến đổi khí hậu",
    "Tham mưu xây dựng Nghị quyết về cơ chế, chính sách hỗ trợ, khuyến khích đầu tư vào các khu kinh tế, khu công nghiệp",
    "Chủ động xây dựng, triển khai các kịch bản phòng, chống tương ứng với các cấp độ của dịch Covid-19",
    "Tham mưu điều chỉnh quy định về quản lý quy hoạch xây dựng và cấp giấy phép xây dựng trên địa bàn tỉnh",
    "Chấn chỉnh, nâng cao hiệu lực, hiệu quả quản lý Nhà nước trên lĩnh vực đất đai, khoáng sản, môi trường",
    "Tổ chức thực hiện hiệu quả Nghị quyết Tỉnh ủy về khai thác tiềm năng, lợi thế rừng và đất lâm nghiệp",
    "Tăng cường hậu kiểm, kiểm tra, giám sát tiến độ triển khai thực hiện các dự án đầu tư trên địa bàn tỉnh",
    "Tham mưu sửa đổi, bổ sung quy chế phối hợp quản lý cụm công nghiệp trên địa bàn tỉnh",
    "Xây dựng, ban hành kế hoạch thực hiện Chương trình triển khai nhiệm vụ phát triển kinh tế - xã hội năm",
    "Triển khai các nền tảng dùng chung, hạ tầng số bảo đảm điều kiện phát triển Chính phủ số, đô thị thông minh",
    "Tham mưu các hoạt động kinh tế đối ngoại nhằm thu hút đầu tư, đa dạng hóa huy động các nguồn lực",
    "Triển khai các giải pháp phát triển người tham gia bảo hiểm y tế, tiến tới bảo hiểm y tế toàn dân",
    "Phối hợp hoàn thiện các hồ sơ, thủ tục về khu công nghiệp theo quy định sau khi Quy hoạch tỉnh được phê duyệt",
    "Hỗ trợ doanh nghiệp, địa phương tiêu thụ hàng sản xuất trong tỉnh gắn với xây dựng sản phẩm, cửa hàng OCOP",
    "Đổi mới nội dung, hình thức phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa gắn với nông thôn mới",
    "Tháo gỡ khó khăn cho doanh nghiệp, người dân, người lao động, phục hồi, đẩy mạnh sản xuất kinh doanh",
    "Thu hút các dự án lớn, các nhà đầu tư chiến lược; thực hiện các giải pháp thu hút đầu tư hiệu quả",
    "Đảm bảo các điều kiện cho triển khai Kế hoạch sản xuất nông nghiệp đạt hiệu quả cao",
    "Đẩy mạnh huy động vốn, đáp ứng kịp thời nhu cầu vốn cho các thành phần kinh tế phục vụ sản xuất kinh doanh",
    "Triển khai kịp thời các chính sách về lao động, người có công và xã hội, nhất là chính sách hỗ trợ sau lũ lụt",
    "Rà soát các vụ việc phức tạp, tồn đọng theo Kế hoạch của Thanh tra Chính phủ và Kế hoạch của UBND tỉnh",
    "Rà soát quy hoạch, sắp xếp dân cư ở vùng có nguy cơ cao về sạt lở đất, ngập lụt sâu, lũ ống, lũ quét",
    "Tiếp tục thực hiện các giải pháp hỗ trợ doanh nghiệp, người dân bị ảnh hưởng bởi dịch Covid-19, lũ lụt",
    "Triển khai chính sách về sở hữu trí tuệ, thị trường khoa học công nghệ, khởi nghiệp đổi mới sáng tạo",
    "Phối hợp với Tòa án nhân dân và Viện Kiểm sát nhân dân đấu tranh phòng ngừa và chống các loại tội phạm",
    "Tham mưu các đề án, chính sách trình HĐND tỉnh ban hành Nghị quyết chuyên đề đảm bảo chất lượng và tiến độ",
    "Báo cáo [/] kết quả thực hiện nhiệm vụ [footnoteRef:2] được giao tại Thông báo kết luận",
)

TAILS = (
    "; báo cáo kết quả về UBND tỉnh (qua Văn phòng UBND tỉnh)",
    ", tổng hợp khó khăn, vướng mắc, đề xuất giải pháp tháo gỡ",
    "; định kỳ báo cáo tiến độ thực hiện cho lãnh đạo UBND tỉnh",
    ", bảo đảm chất lượng, đúng quy định",
    "",
)

EXTENSION_REASONS = (
    "Chờ ý kiến hướng dẫn của Bộ, ngành Trung ương",
    "Đơn vị đề nghị gia hạn do khối lượng công việc lớn",
    "Phải lấy thêm ý kiến các sở, ngành liên quan",
    "Chờ kết quả thẩm định của Hội đồng",
)

RESULTS = (
    "Đã có Báo cáo số {n}/BC-{unit_code}",
    "Đã tham mưu UBND tỉnh ban hành Quyết định số {n}/QĐ-UBND",
    "Đã trình UBND tỉnh tại Tờ trình số {n}/TTr-{unit_code}",
)
