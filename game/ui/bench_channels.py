"""`bench ui`'s "channel_screens" scene: the format-2 phone screens (mail inbox and message, feed
and "About this page", browser, camera on a QR code, installer, permissions), each shown in turn
and scrolled, from one generated scenario whose first step lands every channel at once."""

from __future__ import annotations

from pathlib import Path

SCENARIO = """schema_version: 2
id: bench_channels
source_language: vi
title: "Bench"
summary: "Bench"
difficulty: 1
minutes: 1
player: {name: "Lan"}
contacts:
  - {id: meta, name: "Hỗ trợ Trang", email: "no-reply.security-check@page-help-center-support.example"}
  - {id: quy, name: "Quỹ Ấm Áp", verified: true, created: "2026-10-02", former_names: ["Shop Quần Áo Xinh"],
     about: "Giúp đồng bào vùng lũ."}
  - {id: minh, name: "Minh"}
apps:
  - {id: mail, kind: email, name: "Thư"}
  - {id: feed, kind: social, name: "Mạng Xanh"}
variables:
  - {id: amount, type: money, default: 500000}
steps:
  - id: s1
    events:
{events}
      - id: pg
        type: page
        url: "https://facebook.com-page-help-center.example/login/verify?case=88213"
        title: "Đăng nhập"
        blocks:
          - heading: "Xác minh tài khoản"
          - text: "Đăng nhập và nhập mã chúng tôi vừa gửi để giữ trang của bạn."
          - field: "Mật khẩu"
            input: password
          - field: "Mã OTP"
            input: otp
          - button: "Gửi {{amount}}"
      - {id: sc, type: scan}
      - {id: ins, type: install, name: "VNeID", publisher: "VNeID Support", source: "vneid-update.example/VNeID.apk",
         size: "18 MB"}
      - {id: perm, type: install, screen: permissions, name: "VNeID",
         permissions: [accessibility, read_sms, screen_share, overlay]}
    choices:
      - {id: ok, text: "Dừng lại", safety: safe, score: 5, explanation: "Đúng.", next: end}
endings:
  - {id: end, outcome: safe, title: "Xong", debrief: "Xong."}
"""

QR = ('{payload: "BANK|0123456789|NGUYEN VAN A|500000", shows: transfer, name: "NGUYEN VAN A", bank: "Ngân hàng Sen", '
      'account: "0123456789", amount: 500000}')


def write_scenario(folder: Path, n: int = 30) -> Path:
    """n emails and n posts (a long inbox and feed to scroll), then a page, a scan and two installer screens."""
    events = []
    for i in range(n):
        events.append(f'      - {{id: m{i}, type: email, from: meta, subject: "Trang của bạn sẽ bị khoá ({i})", '
                      f'text: "Xác minh ngay, phí {{amount}}. " , attachments: [{{name: "Bien_ban_{i}.pdf.apk", size: "2 MB"}}]}}')
        events.append(f'      - {{id: p{i}, type: post, from: quy, text: "Ủng hộ đồng bào lũ lụt, lần {i}.", sponsored: true, '
                      f'likes: {1200 + i}, shares: {i}, comments: [{{from: minh, text: "Đã chuyển!"}}], qr: {QR}}}')
    path = folder / "bench_channels.yaml"
    path.write_text(SCENARIO.replace("{events}", "\n".join(events)).replace("{{amount}}", "{amount}"), encoding="utf-8")
    return path


def start(app, folder: Path):
    """Open the scenario with every channel landed; returns drive(i) for the bench's frame loop."""
    from game.core.loader import load_scenario

    from .scenes.play import PlayScene

    scene = PlayScene(app, load_scenario(write_scenario(folder)).scenario)
    app.push(scene)
    scene.engine.skip()
    app.step(0)
    last_mail = scene.engine.phone.emails[-1].id
    screens = [("mail", "mail"), ("email", "mail", last_mail), ("feed", "feed"), ("about", "feed", "quy"),
               ("page", "bench_channels/s1/pg"), ("camera", "bench_channels/s1/p0/qr"),
               ("install", "bench_channels/s1/ins"), ("install", "bench_channels/s1/perm")]

    def drive(i: int) -> None:
        scr = screens[(i // 50) % len(screens)]
        if scr[0] in ("mail", "feed"):  # long: scroll down and up
            scene.phone.screen = scr
            scene.scroll_thread((-1 if (i // 25) % 2 == 0 else 1) * 25)
        else:  # open it, and every few frames go back to the inbox and open it again
            scene.phone.screen = scr if (i // 5) % 2 == 0 else screens[0]

    return drive
