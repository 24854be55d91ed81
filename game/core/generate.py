"""Generated scenarios for benchmarks and fuzz tests (valid YAML text, realistic shape)."""

from __future__ import annotations


def scenario_yaml(sid: str, steps: int = 10, choices: int = 3) -> str:
    """A linear-with-branches scenario: choice 1 goes on, choice 2 skips ahead, the last ends."""
    out = [
        "schema_version: 1",
        f"id: {sid}",
        "source_language: vi",
        f'title: "Kịch bản sinh tự động {sid}"',
        'summary: "Dùng cho đo hiệu năng."',
        "difficulty: 3",
        "minutes: 5",
        "tags: [bench]",
        'player: {name: "Lan", number: "0900 000 001"}',
        "contacts:",
        '  - {id: mom, name: "Mẹ", number: "0900 000 002", saved: true}',
        '  - {id: stranger, name: "Người lạ", number: "0700 000 003"}',
        "variables:",
        "  - {id: risk, type: int, default: 0}",
        "help_actions:",
        "  - id: call_mom",
        '    text: "Gọi cho mẹ"',
        "    call: dial",
        "    dial: mom",
        "    help: true",
        "    safety: safe",
        "    score: 10",
        '    explanation: "Kể với người lớn là cách an toàn nhất."',
        "    next: end_safe",
        "steps:",
    ]
    for i in range(steps):
        out += [
            f"  - id: s{i}",
            "    events:",
            f'      - {{id: m{i}, type: message, from: stranger, delay: 1, typing: 1, text: "Tin nhắn số {i}: chuyển tiền gấp!", flags: [urgency, money_request]}}',
            f'      - {{id: n{i}, type: notification, style: bank, title: "Ngân hàng", text: "Số dư {i}.000đ", delay: 0.5}}',
            "    choices:",
        ]
        for j in range(choices):
            if j == choices - 1:
                nxt = "end_scammed"
            elif j == 0 or i + 2 >= steps:
                nxt = f"s{i + 1}" if i + 1 < steps else "end_safe"
            else:
                nxt = f"s{i + 2}"
            safety, score = ("safe", 10) if j == 0 else (("risky", 3) if j < choices - 1 else ("unsafe", 0))
            out += [
                f"      - id: c{j}",
                f'        text: "Lựa chọn {j}"',
                f"        safety: {safety}",
                f"        score: {score}",
                "        flags: [urgency]" if j == 0 else "        flags: []",
                f'        explanation: "Giải thích cho lựa chọn {j} ở bước {i}."',
                "        add: {risk: 1}" if j else "        add: {risk: 0}",
                f"        next: {nxt}",
            ]
        out.append("    help: [call_mom]")
    out += [
        "endings:",
        '  - {id: end_safe, outcome: safe, title: "An toàn", debrief: "Bạn đã an toàn.", hotlines: [trusted_adult]}',
        '  - {id: end_scammed, outcome: scammed, title: "Bị lừa", debrief: "Không phải lỗi của bạn.", hotlines: [police_113]}',
    ]
    return "\n".join(out) + "\n"


def chain_yaml(sid: str, steps: int = 1000, back: int = 0) -> str:
    """A long, valid chain of short steps (a few hundred bytes each, so 1,000 steps stay under
    the size cap): go on, skip one step ahead, or end badly; with `back`, every back-th step
    also offers a way back to the step before it (loops)."""
    out = [
        "schema_version: 1",
        f"id: {sid}",
        "source_language: vi",
        f'title: "Chuỗi dài {sid}"',
        'summary: "Dùng cho đo hiệu năng."',
        "difficulty: 3",
        "minutes: 60",
        'player: {name: "Lan"}',
        "contacts:",
        '  - {id: mom, name: "Mẹ", number: "0900 000 002", saved: true}',
        '  - {id: stranger, name: "Người lạ", number: "0700 000 003"}',
        "help_actions:",
        '  - {id: call_mom, text: "Gọi cho mẹ", call: dial, dial: mom, help: true, safety: safe, score: 10,',
        '     explanation: "Kể với người lớn là cách an toàn nhất.", next: end_safe}',
        "steps:",
    ]
    for i in range(steps):
        on = f"s{i + 1}" if i + 1 < steps else "end_safe"
        skip = f"s{i + 2}" if i + 2 < steps else "end_safe"
        out += [
            f"  - id: s{i}",
            "    events:",
            f'      - {{id: m, type: message, from: stranger, text: "Tin {i}: chuyển gấp!", flags: [urgency]}}',
            "    choices:",
            f'      - {{id: ask, text: "Hỏi lại", safety: safe, score: 10, explanation: "Tốt.", next: {on}}}',
            f'      - {{id: skip, text: "Bỏ qua", safety: risky, score: 3, explanation: "Chưa đủ.", next: {skip}}}',
            '      - {id: pay, text: "Chuyển tiền", safety: unsafe, score: 0, explanation: "Đừng chuyển.", next: end_bad}',
        ]
        if back and i and i % back == 0:
            out.append(f'      - {{id: back, text: "Đọc lại", safety: neutral, explanation: "Đọc lại.", next: s{i - 1}}}')
        out.append("    help: [call_mom]")
    out += [
        "endings:",
        '  - {id: end_safe, outcome: safe, title: "An toàn", debrief: "Bạn đã an toàn.", hotlines: [trusted_adult]}',
        '  - {id: end_bad, outcome: scammed, title: "Bị lừa", debrief: "Không phải lỗi của bạn.", hotlines: [police_113]}',
    ]
    return "\n".join(out) + "\n"
