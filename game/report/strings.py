"""The report's own words, in both languages (tool output, like lint's messages)."""

from __future__ import annotations

S = {
    "title": ("Class report", "Báo cáo lớp học"),
    "generated": ("Generated {date} from {files} results files", "Tạo lúc {date} từ {files} tệp kết quả"),
    "generated_1": ("Generated {date} from {files} results file", "Tạo lúc {date} từ {files} tệp kết quả"),
    "problems": ("Files, folders and rows that could not be used (left out of this report)",
                 "Các tệp, thư mục và dòng không dùng được (không tính trong báo cáo này)"),
    "summary": ("Summary", "Tổng quan"),
    "students": ("students", "học sinh"),
    "sessions": ("sessions played", "lượt chơi"),
    "scenarios": ("scenarios", "kịch bản"),
    "decisions": ("decisions", "quyết định"),
    "average": ("average score", "điểm trung bình"),
    "average_def": ("The average score is the mean of the session scores. A session's score is the points earned "
                    "out of the best possible at each decision met (100% = the safest choice every time); every "
                    "session counts once, whatever its length. The same average is used for the class, each "
                    "scenario and each student.",
                    "Điểm trung bình là trung bình cộng điểm của các lượt chơi. Điểm của một lượt là số điểm đạt được "
                    "trên mức tốt nhất có thể ở mỗi quyết định đã gặp (100% = lần nào cũng chọn cách an toàn nhất); "
                    "mỗi lượt tính một lần, dài hay ngắn như nhau. Cả lớp, từng kịch bản và từng học sinh đều dùng "
                    "cùng cách tính này."),
    "filters": ("Only: {what}", "Chỉ gồm: {what}"),
    "problems_notice": ("{n} files, folders or rows could not be used: see the list at the end.",
                        "{n} tệp, thư mục hoặc dòng không dùng được: xem danh sách ở cuối báo cáo."),
    "follow_up": ("Students who need a follow-up", "Học sinh cần được trao đổi thêm"),
    "follow_up_count_1": ("{n} student needs a follow-up (listed after this summary).",
                          "{n} học sinh cần được trao đổi thêm (danh sách ở sau phần tổng quan)."),
    "follow_up_count": ("{n} students need a follow-up (listed after this summary).",
                        "{n} học sinh cần được trao đổi thêm (danh sách ở sau phần tổng quan)."),
    "follow_up_none": ("No student needs a follow-up in these results.",
                       "Không có học sinh nào cần trao đổi thêm trong các kết quả này."),
    "follow_up_note": ("A story ended harmed or scammed, or the student gave away money or an account (an OTP, a "
                       "password, a login) at some point, even if the story then ended safely. Talk to them kindly, "
                       "in private: it is practice, and it is not their fault.",
                       "Câu chuyện kết thúc bị thiệt hại hoặc bị lừa, hoặc học sinh đã đưa tiền hay tài khoản (mã OTP, "
                       "mật khẩu, thông tin đăng nhập) ở một lúc nào đó, kể cả khi câu chuyện sau đó kết thúc an toàn. "
                       "Hãy nói chuyện nhẹ nhàng, riêng tư: đây là luyện tập, và đó không phải lỗi của các em."),
    "why": ("Why", "Lý do"),
    "reason_harmed": ("ended harmed", "kết thúc bị thiệt hại"),
    "reason_scammed": ("ended scammed", "kết thúc bị lừa"),
    "reason_money": ("gave money", "đã đưa tiền"),
    "reason_account": ("gave away an account (OTP, password, login)", "đã để lộ tài khoản (OTP, mật khẩu, đăng nhập)"),
    "top_flags": ("Red flags missed most", "Dấu hiệu đỏ bị bỏ lỡ nhiều nhất"),
    "prepost_short": ("Scam-or-real check: {pre} before, {post} after ({paired} students took both; average gain {gain} points).",
                      "Bài kiểm tra lừa đảo hay thật: {pre} trước, {post} sau ({paired} học sinh làm cả hai lần; tiến bộ trung bình {gain} điểm)."),
    "unfinished": ("{n} not finished", "{n} lượt chưa chơi xong"),
    "genuine": ("Real messages treated as scams while playing: {n} of {total} decisions ({pct}).",
                "Tin nhắn thật bị coi là lừa đảo khi chơi: {n} trên {total} quyết định ({pct})."),
    "distribution": ("Scores of all sessions", "Phân bố điểm các lượt chơi"),
    "dist_axis": ("score (%)", "điểm (%)"),
    "dist_count": ("sessions", "lượt"),
    "outcomes": ("How the stories ended", "Kết thúc các câu chuyện"),
    "outcome_safe": ("safe", "an toàn"),
    "outcome_harmed": ("harmed", "bị thiệt hại"),
    "outcome_scammed": ("scammed", "bị lừa"),
    "prepost": ("What the class learned: the scam-or-real check", "Lớp đã học được gì: bài kiểm tra lừa đảo hay thật"),
    "pre": ("before", "trước"),
    "post": ("after", "sau"),
    "gain": ("gain", "tiến bộ"),
    "prepost_counts": ("{pre} students took the check before, {post} after, {paired} both.",
                       "{pre} học sinh làm bài trước, {post} làm bài sau, {paired} làm cả hai lần."),
    "prepost_gain": ("Average gain (percentage points) for students who took both:",
                     "Mức tiến bộ trung bình (điểm phần trăm) của học sinh làm cả hai lần:"),
    "false_alarms": ("Real messages wrongly called scams", "Tin nhắn thật bị cho là lừa đảo"),
    "false_alarms_text": ("before: {pre_n} of {pre_total} answers ({pre}); after: {post_n} of {post_total} ({post}). "
                          "If this rises, the class may have become suspicious of everything: talk about how to check, not only doubt.",
                          "trước: {pre_n} trên {pre_total} câu trả lời ({pre}); sau: {post_n} trên {post_total} ({post}). "
                          "Nếu con số này tăng, lớp có thể đang nghi ngờ mọi thứ: hãy bàn cách kiểm tra, không chỉ nghi ngờ."),
    "item": ("Item", "Câu hỏi"),
    "truth": ("Answer", "Đáp án"),
    "scam": ("scam", "lừa đảo"),
    "real": ("real", "thật"),
    "right_pre": ("right before", "đúng (trước)"),
    "right_post": ("right after", "đúng (sau)"),
    "flags": ("Red flags the class missed most", "Dấu hiệu đỏ lớp hay bỏ lỡ nhất"),
    "flags_note": ("Share of the sessions that showed the red flag in which no choice responded to it.",
                   "Tỉ lệ lượt chơi có dấu hiệu này mà không lựa chọn nào phản ứng với nó."),
    "missed_of": ("missed in {m} of {n} sessions", "bỏ lỡ ở {m} trên {n} lượt"),
    "per_scenario": ("Scenario by scenario", "Từng kịch bản"),
    "scenario_meta": ("{sessions} sessions by {students} students, average {avg}",
                      "{sessions} lượt chơi của {students} học sinh, điểm trung bình {avg}"),
    "versions": ("content versions: {v}", "phiên bản nội dung: {v}"),
    "decision": ("Decision {n}", "Quyết định {n}"),
    "picked": ("answered {n} times", "{n} lượt chọn"),
    "picked_1": ("answered once", "{n} lượt chọn"),
    "call_from": ("Incoming call: {who}", "Cuộc gọi đến: {who}"),
    "video_call_from": ("Incoming video call: {who}", "Cuộc gọi video đến: {who}"),
    "time": ("time to decide: median {median}, mean {mean}", "thời gian quyết định: trung vị {median}, trung bình {mean}"),
    "timed_out": ("{n} ran out of time", "{n} lượt hết giờ"),
    "votes": ("class vote (projector)", "lớp biểu quyết (máy chiếu)"),
    "votes_total_1": ("{n} hand in classroom mode", "{n} cánh tay giơ lên trong chế độ lớp học"),
    "votes_total": ("{n} hands in classroom mode", "{n} cánh tay giơ lên trong chế độ lớp học"),
    "time_chart": ("Median time to decide, per decision", "Thời gian quyết định (trung vị) ở từng quyết định"),
    "seconds": ("{x} s", "{x} giây"),
    "safety_safe": ("safe", "an toàn"),
    "safety_risky": ("risky", "rủi ro"),
    "safety_unsafe": ("unsafe", "nguy hiểm"),
    "safety_neutral": ("not scored", "không tính điểm"),
    "students_table": ("Students", "Học sinh"),
    "nickname": ("Nickname", "Biệt danh"),
    "student_n": ("Student {n}", "Học sinh {n}"),
    "class": ("Class", "Lớp"),
    "played": ("Sessions", "Lượt chơi"),
    "scen_played": ("Scenarios", "Kịch bản"),
    "avg_score": ("Average", "Điểm TB"),
    "anonymised": ("Nicknames are replaced by numbers in this copy.", "Biệt danh đã được thay bằng số trong bản này."),
    "how_to_read": ("How to read this report", "Cách đọc báo cáo"),
    "how_1": ("A score is the points earned out of the best possible at each decision met: 100% means the safest choice every time. "
              "A session below zero (unsafe choices cost points) counts as 0%, as the game shows it. "
              "An average is always the mean of the session scores.",
              "Điểm là số điểm đạt được trên mức tốt nhất có thể ở mỗi quyết định đã gặp: 100% nghĩa là lần nào cũng chọn cách an toàn nhất. "
              "Lượt chơi có điểm dưới 0 (lựa chọn nguy hiểm bị trừ điểm) được tính là 0%, như trò chơi hiển thị. "
              "Điểm trung bình luôn là trung bình cộng điểm của các lượt chơi."),
    "how_2": ("Green bars are safe choices, amber risky, red unsafe, grey not scored. Start the discussion with the decisions where red bars are long.",
              "Thanh xanh là lựa chọn an toàn, vàng là rủi ro, đỏ là nguy hiểm, xám là không tính điểm. Hãy bắt đầu thảo luận ở những quyết định có thanh đỏ dài."),
    "how_3": ("Only nicknames and class codes are stored: no names, no device data.",
              "Chỉ lưu biệt danh và mã lớp: không có họ tên, không có dữ liệu thiết bị."),
    "none": ("No results yet.", "Chưa có kết quả."),
    "no_quiz": ("No scam-or-real check was taken in these results.", "Chưa có bài kiểm tra lừa đảo hay thật trong các kết quả này."),
    "dash": ("–", "–"),
}


def t(lang: str, key: str, **kw) -> str:
    """`key_1`, when there is one, is the wording for a count of exactly 1 (`n` or `files`)."""
    if 1 in (kw.get("n"), kw.get("files")) and f"{key}_1" in S:
        key = f"{key}_1"
    en, vi = S[key]
    text = vi if lang == "vi" else en
    return text.format(**kw) if kw else text


def num(lang: str, x: float | None, digits: int = 0) -> str:
    """A number in the reader's convention (Vietnamese uses a decimal comma)."""
    if x is None:
        return "–"
    s = f"{x:.{digits}f}"
    return s.replace(".", ",") if lang == "vi" else s


def pct(lang: str, x: float | None, digits: int = 0) -> str:
    return "–" if x is None else num(lang, x, digits) + "%"


def secs(lang: str, x: float | None) -> str:
    return "–" if x is None else t(lang, "seconds", x=num(lang, x, 1))
