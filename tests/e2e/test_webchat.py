"""The web chat in a real browser (Debian's Chromium, headless) against the real servers.

Screenshots go to test-output/ (not committed) so that a person can look at them. Accessibility is
checked with axe-core (web/package.json's devDependency, installed by `npm ci --prefix web`).
"""

import time
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output"
WIDGET = ROOT / "web" / "static" / "widget.js"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Stage 2 to the end of stage 4, one answer at a time.
ANSWERS = [
    "KT요",
    "35만원 밀렸어요",
    "두 달이요",
    "아니요 아직 쓸 수 있어요",
    "분할 납부랑 정지 유예요",
    "확인했어요",
    "매달 5만 5천원 나와요",
    "15만원",
    "없어요",
    "해당 없어요",
    "아니요 없어요",
]
STAGE_TITLES = ["상담 시작", "상황 설명", "목표 정하기", "정보 공유", "제안과 대안", "최종 합의"]
CURRENT_STEP = ".coach-progress li[aria-current='step']"


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install chromium"
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, servers):
    # The test helpers evaluate JavaScript in the page (wait_for_function, axe-core), which the
    # page's Content-Security-Policy forbids; test_the_page_works_under_its_own_policy checks the
    # page itself with the policy on.
    context = browser.new_context(
        locale="ko-KR", viewport={"width": 420, "height": 860}, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{servers['url']}/chat")
    expect(page.locator(CURRENT_STEP)).to_have_text("2. 상황 설명", timeout=60_000)
    wait_for_the_coach(page)
    yield page
    context.close()


def wait_for_the_coach(page):
    page.wait_for_function(
        "!document.querySelector('.coach-log').hasAttribute('aria-busy')", timeout=60_000
    )


def say(page, text):
    """Type into the box and press Enter, then wait for the coach to finish answering."""
    before = page.locator(".coach-log > *").count()
    page.locator("#coach-input").fill(text)
    page.locator("#coach-input").press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('.coach-log > *').length > {before + 1}", timeout=60_000
    )
    wait_for_the_coach(page)


def choose(page, title, key=None):
    """Choose a quick reply: clicked, or with the keyboard (`key`: "Enter" or " ")."""
    before = page.locator(".coach-log > *").count()
    button = page.locator(".coach-replies").get_by_role("button", name=title, exact=True)
    expect(button).to_be_visible(timeout=60_000)
    if key is None:
        button.click()
    else:
        button.focus()
        page.keyboard.press(key)
    page.wait_for_function(
        f"document.querySelectorAll('.coach-log > *').length > {before + 1}", timeout=60_000
    )
    wait_for_the_coach(page)


def confirm_figures(page):
    """Say the figures are right: the coach always shows them before the plan (the strict check
    of that step is test_the_figures_are_confirmed_before_the_plan)."""
    expect(page.locator(".coach-figures").last).to_be_visible()
    choose(page, "맞아요")


def check_accessibility(page, when):
    """axe-core on the whole page: no violation of impact serious or critical."""
    assert AXE.exists(), "axe-core is missing: npm ci --prefix web"
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => {
        const results = await window.axe.run(document, {resultTypes: ['violations']});
        return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe ({when}):\n" + "\n".join(
        f"{v['impact']} {v['id']} ({v['help']}):\n  " + "\n  ".join(v["nodes"]) for v in serious
    )


def focus_the_top_of_the_page(page):
    """Where the keyboard starts when a person comes to the page from the address bar."""
    page.evaluate(
        "document.body.tabIndex = -1; document.body.focus();"
        " document.body.removeAttribute('tabindex')"
    )


def focused(page, selector):
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tabs_to_the_message_box(page, limit=10):
    """Tab presses from the top of the page until the message box has the focus, pressing Enter
    on the skip link when it comes first."""
    focus_the_top_of_the_page(page)
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused(page, ".coach-skip"):
            page.keyboard.press("Enter")
        if focused(page, "#coach-input"):
            return presses
    return None


def tab_order(page, limit=200):
    """Every element the Tab key reaches, from the top of the page to the message box."""
    focus_the_top_of_the_page(page)
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("""() => {
            const a = document.activeElement;
            if (a.matches('.coach-replies button')) return 'quick reply';
            if (a.matches('input[type=checkbox]')) return 'checkbox';
            return a.id ? '#' + a.id : '.' + (a.className || a.tagName.toLowerCase());
        }""")
        )
        if reached[-1] == "#coach-input":
            break
    return reached


def figure(card, label):
    """The value shown beside a label in a figures card."""
    return card.locator("tr").filter(has=card.page.locator(f"th:text-is('{label}')")).locator("td")


def won(text):
    """'300,000원' or '5만 5천원' as a number of 원."""
    text = text.replace(",", "").replace(" ", "").removesuffix("원")
    total, rest = 0, text
    for unit, size in (("억", 100_000_000), ("만", 10_000)):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += _below_man(head) * size
    return total + _below_man(rest)


def _below_man(text):
    if not text:
        return 0
    if text.endswith("천"):
        return int(text[:-1]) * 1000
    return int(text)


def test_a_whole_conversation_shows_the_plan_and_the_checklist(page):
    check_accessibility(page, "at the start")
    for answer in ANSWERS:
        say(page, answer)
    confirm_figures(page)
    plan = page.locator(".coach-plan").last
    expect(plan).to_contain_text("95,000원")  # fastest: 9만 5천원 a month
    expect(plan).to_contain_text("88,000원")  # even: 8만 8천원 in the first months
    expect(page.locator(CURRENT_STEP)).to_have_text("5. 제안과 대안")
    check_accessibility(page, "with the plan (stage 5)")
    page.screenshot(path=str(SHOTS / "webchat-plan.png"), full_page=True)
    plan.screenshot(path=str(SHOTS / "webchat-plan-card.png"))
    choose(page, "매달 고르게 나눠 갚기 (4개월)")
    agreement = page.locator(".coach-agreement")
    expect(agreement).to_contain_text("8만 8천원", timeout=60_000)
    # Nine items less the discount one (no discount sought, no welfare status) and the one about
    # a disputed charge (nothing odd on the bill).
    expect(agreement.locator("input[type=checkbox]")).to_have_count(8)
    expect(agreement).not_to_contain_text("할인")
    expect(page.locator(CURRENT_STEP)).to_have_text("6. 최종 합의")
    check_accessibility(page, "with the agreement (stage 6)")
    agreement.locator("input[type=checkbox]").first.check()
    page.screenshot(path=str(SHOTS / "webchat-agreement.png"), full_page=True)
    agreement.screenshot(path=str(SHOTS / "webchat-agreement-card.png"))


def test_after_a_long_conversation_every_card_button_works_by_keyboard(page, servers):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=servers["url"])
    for answer in ANSWERS:
        say(page, answer)
    confirm_figures(page)
    choose(page, "매달 고르게 나눠 갚기 (4개월)", key="Enter")
    agreement = page.locator(".coach-agreement")
    expect(agreement).to_be_visible(timeout=60_000)

    # The Tab key reaches every button of the cards, in the order they are shown.
    reached = tab_order(page)
    assert reached[0] == ".coach-skip", reached
    assert reached[-1] == "#coach-input", reached
    assert reached.count(".coach-copy") == page.locator(".coach-copy").count(), reached
    assert reached.count("checkbox") == 8, reached
    assert ".coach-print" in reached, reached

    copy = page.locator(".coach-script .coach-copy").last
    line = page.locator(".coach-script .coach-script-line span").last.text_content()
    copy.focus()
    page.keyboard.press("Enter")
    expect(copy).to_have_text("복사됨")
    assert page.evaluate("navigator.clipboard.readText()") == line

    box = agreement.locator("input[type=checkbox]").nth(1)
    box.focus()
    page.keyboard.press(" ")
    expect(box).to_be_checked()

    page.evaluate(
        "() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }"
    )
    agreement.locator(".coach-print").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1

    # Reloading a long conversation: the message box has the focus again, and from the top of
    # the page the skip link (the first Tab stop) leads to it.
    page.reload()
    expect(page.locator(".coach-agreement")).to_be_visible()
    assert focused(page, "#coach-input")
    assert page.locator(".coach-announcer > *").count() == 0  # the history is not read out again
    presses = tabs_to_the_message_box(page)
    assert presses is not None and presses <= 3, presses


def test_the_figures_are_confirmed_before_the_plan(page):
    # Waits on the server side of the confirmation step (contract: the `figures` message).
    for answer in ANSWERS:
        say(page, answer)
    cards = page.locator(".coach-figures")
    expect(cards, "a figures card at the end of stage 4").to_have_count(1)
    expect(page.locator(".coach-plan")).to_have_count(0)
    card = cards.last
    expect(figure(card, "통신사")).to_have_text("KT")
    expect(figure(card, "미납액")).to_have_text("35만원")  # wrong on purpose: corrected below
    expect(figure(card, "밀린 기간")).to_have_text("2개월")
    expect(figure(card, "매달 요금")).to_have_text("5만 5천원")
    # The labels are the coach's own words (wording.yml, served as /chat/labels.json).
    expect(figure(card, "월 예산(요금 포함)")).to_have_text("15만원")
    expect(figure(card, "형편이 나아질 때까지")).to_have_text("예정 없음")
    expect(figure(card, "복지 해당")).to_have_text("해당 없음")
    expect(figure(card, "회선 정지")).to_have_text("정지 안 됨")
    expect(page.locator(".coach-replies button")).to_have_text(["맞아요", "고칠게요"])
    check_accessibility(page, "with the figures (stage 4)")
    page.screenshot(path=str(SHOTS / "webchat-figures.png"), full_page=True)
    card.screenshot(path=str(SHOTS / "webchat-figures-card.png"))

    choose(page, "고칠게요")
    expect(page.locator(".coach-msg.bot").last).to_contain_text("고칠까요")  # which figure?
    expect(page.locator(".coach-plan")).to_have_count(0)

    shown = cards.count()
    say(page, "미납액은 30만원이에요")
    expect(cards).to_have_count(shown + 1)  # a new card; the ones before stay as they were
    expect(figure(cards.last, "미납액")).to_have_text("30만원")
    expect(figure(cards.first, "미납액")).to_have_text("35만원")
    expect(page.locator(".coach-replies button")).to_have_text(["맞아요", "고칠게요"])
    expect(page.locator(".coach-plan")).to_have_count(0)
    lump_sum = won(figure(cards.last, "한 번에 낼 금액").text_content())

    choose(page, "맞아요")
    plan = page.locator(".coach-plan").last
    expect(plan).to_be_visible(timeout=60_000)
    expect(plan).to_contain_text("미납액 30만원")
    first_option = plan.locator(".coach-plan-option").first
    payments = [
        won(cell) for cell in first_option.locator("tbody tr td:nth-child(2)").all_text_contents()
    ]
    assert payments and sum(payments) == 300_000 - lump_sum, payments
    expect(page.locator(CURRENT_STEP)).to_have_text("5. 제안과 대안")


def test_reloading_keeps_the_conversation(page):
    say(page, "KT요")
    say(page, "35만원")
    page.reload()
    expect(page.locator(".coach-msg.user")).to_have_count(2)
    expect(page.locator(".coach-log")).to_contain_text("35만원")
    expect(page.locator(CURRENT_STEP)).to_have_text("2. 상황 설명")
    assert focused(page, "#coach-input")
    assert page.locator(".coach-announcer > *").count() == 0  # nothing is read out again
    say(page, "두 달")  # the server kept the conversation too: it asks the next question
    expect(page.locator(".coach-msg.bot").last).to_contain_text("정지된 상태")
    page.screenshot(path=str(SHOTS / "webchat-reloaded.png"), full_page=True)


def test_markup_is_shown_as_text(page):
    attack = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
    say(page, attack)
    expect(page.locator(".coach-msg.user").last).to_have_text(attack)
    assert page.evaluate("window.__xss") is None
    assert page.locator(".coach-log img").count() == 0
    assert "innerHTML" not in WIDGET.read_text(encoding="utf-8")


def test_the_message_box_is_first_for_the_keyboard(page):
    assert focused(page, "#coach-input")  # on load: no Tab needed
    focus_the_top_of_the_page(page)
    page.keyboard.press("Tab")
    skip = page.locator(".coach-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("입력창으로 건너뛰기")
    expect(skip).to_be_visible()  # shown while it has the focus
    page.keyboard.press("Enter")
    expect(page.locator("#coach-input")).to_be_focused()
    assert tabs_to_the_message_box(page) == 1


def test_the_keyboard_alone_is_enough(page):
    page.locator("#coach-input").focus()
    page.keyboard.type("KT요")
    page.keyboard.press("Enter")
    expect(page.locator(".coach-msg.bot").last).to_contain_text("밀린 금액", timeout=60_000)
    page.locator("#coach-input").fill("30만원")
    page.keyboard.press("Enter")
    expect(page.locator(".coach-msg.bot").last).to_contain_text("몇 달째", timeout=60_000)
    page.locator("#coach-input").fill("한 달")
    page.keyboard.press("Enter")
    reply = page.locator(".coach-replies button").first
    expect(reply).to_have_text("네, 정지됐어요", timeout=60_000)
    wait_for_the_coach(page)
    choose(page, "네, 정지됐어요", key="Enter")  # a quick reply, chosen with the Enter key
    expect(page.locator(".coach-msg.user").last).to_have_text("네, 정지됐어요")
    expect(page.locator("#coach-input")).to_be_focused()  # not lost with the buttons
    expect(page.locator(CURRENT_STEP)).to_have_text("3. 목표 정하기", timeout=60_000)
    choose(page, "분할 납부", key=" ")  # and one with the space bar
    expect(page.locator(".coach-msg.user").last).to_have_text("분할 납부")
    expect(page.locator(CURRENT_STEP)).to_have_text("4. 정보 공유", timeout=60_000)

    # New bot messages are announced through a polite live region, not the whole log.
    announcer = page.locator(".coach-announcer")
    assert announcer.get_attribute("aria-live") == "polite"
    assert page.locator(".coach-log").get_attribute("aria-live") is None
    latest = page.locator(".coach-msg.bot").last.text_content()
    expect(announcer).to_contain_text(latest)


def test_stage_titles_come_from_the_server(page):
    source = WIDGET.read_text(encoding="utf-8")
    for title in STAGE_TITLES:
        assert f'"{title}"' not in source, title
    steps = page.locator(".coach-progress li")
    # Stages 1 and 2 have been entered: their titles came with the `stage` messages.
    expect(steps.nth(0)).to_contain_text("1. 상담 시작")
    expect(steps.nth(1)).to_have_text("2. 상황 설명")
    expect(steps.nth(2)).to_have_text("3단계")  # not told yet
    expect(steps.nth(5)).to_have_text("6단계")
    say(page, "KT인데 두 달 밀려서 35만원이에요")
    say(page, "아니요 아직 쓸 수 있어요")
    expect(steps.nth(2)).to_have_text("3. 목표 정하기")
    expect(page.locator(".coach-script h2").first).to_have_text("상담 시작 단계에서 할 말")


def test_the_delete_button_forgets_the_conversation_here_and_on_the_server(page, servers):
    for answer in ANSWERS[:3]:  # KT, 35만원, two months
        say(page, answer)
    old_id = page.evaluate("JSON.parse(localStorage.getItem('minap-coach')).sessionId")
    tracker = f"{servers['url']}/conversations/{old_id}/tracker"

    def stored_arrears():
        slots = requests.get(tracker, params={"token": servers["token"]}, timeout=30).json()
        return slots["slots"]["arrears_amount"]

    assert stored_arrears() == 350000
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".coach-erase").click()
    expect(page.locator(".coach-log")).not_to_contain_text("35만원")
    new_id = page.evaluate("JSON.parse(localStorage.getItem('minap-coach') || 'null')?.sessionId")
    assert new_id != old_id
    deadline = time.monotonic() + 30
    while stored_arrears() is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert stored_arrears() is None


def test_the_page_works_under_its_own_content_security_policy(browser, servers):
    context = browser.new_context(locale="ko-KR", viewport={"width": 420, "height": 860})
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        page.goto(f"{servers['url']}/chat")
        expect(page.locator(CURRENT_STEP)).to_have_text("2. 상황 설명", timeout=60_000)
        page.locator("#coach-input").fill("KT요")
        page.locator("#coach-input").press("Enter")
        expect(page.locator(".coach-log")).to_contain_text("밀린 금액은 모두 얼마", timeout=60_000)
        assert violations == []
    finally:
        context.close()


def test_embedded_in_another_site_the_conversation_stays_out_of_the_host_page(browser, tmp_path):
    """embed.js puts the chat in an iframe from the coach's own server: the host page's storage
    never holds the conversation id or the messages."""
    import http.server
    import threading

    import yaml

    from tests.servers import (
        ROOT,
        free_port,
        start_action_server,
        start_rasa_server,
        stop,
        wait_until_up,
    )
    from tests.servers import TOKEN as API_TOKEN

    host_port, action_port, rasa_port = free_port(), free_port(), free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    coach_url = f"http://localhost:{rasa_port}"  # another origin than the host page
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    credentials["channels.webchat.WebChatInput"] = {"frame_ancestors": [host_origin]}
    credentials_file = tmp_path / "credentials.yml"
    credentials_file.write_text(yaml.safe_dump(credentials, allow_unicode=True))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>host</title></head>'
        '<body><h1>다른 사이트</h1><div id="minap-coach-frame" data-height="700"></div>'
        f'<script src="{coach_url}/chat/embed.js"></script></body></html>',
        encoding="utf-8",
    )
    handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=str(site))  # noqa: E731
    host = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), handler)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    processes = [start_action_server(tmp_path, action_port)]
    try:
        wait_until_up(
            f"http://127.0.0.1:{action_port}/health", processes[0], tmp_path / "actions.log"
        )
        processes.append(
            start_rasa_server(tmp_path, rasa_port, action_port, credentials=credentials_file)
        )
        wait_until_up(
            f"http://127.0.0.1:{rasa_port}/status?token={API_TOKEN}",
            processes[1],
            tmp_path / "rasa.log",
        )
        context = browser.new_context(locale="ko-KR", viewport={"width": 480, "height": 900})
        page = context.new_page()
        page.goto(f"{host_origin}/index.html")
        frame = page.frame_locator("#minap-coach-frame iframe")
        expect(frame.locator(CURRENT_STEP)).to_have_text("2. 상황 설명", timeout=60_000)
        frame.locator("#coach-input").fill("KT요")
        frame.locator("#coach-input").press("Enter")
        expect(frame.locator(".coach-log")).to_contain_text("밀린 금액은 모두 얼마", timeout=60_000)
        # The host page's own storage holds nothing of the coach's.
        assert page.evaluate("Object.keys(window.localStorage)") == []
        # The chat runs in the coach's own origin (the browser may even deny it storage as a
        # third party; the chat then works without reloads, as it did here).
        assert page.frames[1].url.startswith(f"{coach_url}/chat")
        context.close()
    finally:
        host.shutdown()
        stop(processes)
