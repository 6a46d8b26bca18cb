"""The web chat in a real browser (Debian's Chromium, headless) against the real servers.

Screenshots go to test-output/ (not committed) so that a person can look at them.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ANSWERS = ["KT요", "35만원 밀렸어요", "두 달이요", "아니요 아직 쓸 수 있어요", "분할 납부랑 정지 유예요",
           "매달 5만 5천원 나와요", "15만원", "없어요", "해당 없어요", "아니요 없어요"]


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
    context = browser.new_context(locale="ko-KR", viewport={"width": 420, "height": 860})
    page = context.new_page()
    page.goto(f"{servers['url']}/chat")
    expect(page.locator(".coach-progress li[aria-current='step']")).to_have_text("2. 상황 설명",
                                                                               timeout=60_000)
    yield page
    context.close()


def say(page, text):
    """Type into the box and press Enter, then wait for the coach to finish answering."""
    before = page.locator(".coach-log > *").count()
    page.locator("#coach-input").fill(text)
    page.locator("#coach-input").press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.coach-log > *').length > {before + 1}",
                           timeout=60_000)
    page.wait_for_function("!document.querySelector('.coach').hasAttribute('aria-busy')",
                           timeout=60_000)


def test_a_whole_conversation_shows_the_plan_and_the_checklist(page):
    for answer in ANSWERS:
        say(page, answer)
    plan = page.locator(".coach-plan").last
    expect(plan).to_contain_text("95,000원")  # fastest: 9만 5천원 a month
    expect(plan).to_contain_text("88,000원")  # even: 8만 8천원 in the first months
    expect(page.locator(".coach-progress li[aria-current='step']")).to_have_text("5. 제안과 대안")
    page.screenshot(path=str(SHOTS / "webchat-plan.png"), full_page=True)
    page.get_by_role("button", name="매달 고르게 나눠 갚기 (4개월)").click()
    agreement = page.locator(".coach-agreement")
    expect(agreement).to_contain_text("8만 8천원", timeout=60_000)
    # Seven items less the discount one: this person seeks no discount and has no welfare status.
    expect(agreement.locator("input[type=checkbox]")).to_have_count(6)
    expect(agreement).not_to_contain_text("할인")
    expect(page.locator(".coach-progress li[aria-current='step']")).to_have_text("6. 최종 합의")
    agreement.locator("input[type=checkbox]").first.check()
    page.screenshot(path=str(SHOTS / "webchat-agreement.png"), full_page=True)


def test_reloading_keeps_the_conversation(page):
    say(page, "KT요")
    say(page, "35만원")
    page.reload()
    expect(page.locator(".coach-msg.user")).to_have_count(2)
    expect(page.locator(".coach-log")).to_contain_text("35만원")
    say(page, "두 달")  # the server kept the conversation too: it asks the next question
    expect(page.locator(".coach-msg.bot").last).to_contain_text("정지된 상태")
    page.screenshot(path=str(SHOTS / "webchat-reloaded.png"), full_page=True)


def test_markup_is_shown_as_text(page):
    attack = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
    say(page, attack)
    expect(page.locator(".coach-msg.user").last).to_have_text(attack)
    assert page.evaluate("window.__xss") is None
    assert page.locator(".coach-log img").count() == 0


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
    reply.focus()
    page.keyboard.press("Enter")  # a quick reply, chosen with the keyboard
    expect(page.locator(".coach-msg.user").last).to_have_text("네, 정지됐어요")
    expect(page.locator(".coach-progress li[aria-current='step']")).to_have_text(
        "3. 목표 정하기", timeout=60_000)
    assert page.locator(".coach-log").get_attribute("aria-live") == "polite"
