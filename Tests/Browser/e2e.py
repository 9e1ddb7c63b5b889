"""End-to-end walk through dxtrack in a real headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium), started by BrowserTests.swift against a live server.

Each role does its daily task: a reporter lands on what is owed, types values with a decimal
comma (the share shows while typing) and submits; an approver approves from the queue; a
leader reads the dashboard; a coordinator launches a campaign; the public reads open data and
meets an error page. Every page is held to checks.py at 1366 and 390 px (no sideways scroll,
labelled inputs, no raw JSON, no English in the Vietnamese interface, nothing from another
host); screenshots of both widths and each page's height on a phone (heights.json) are kept.

usage: e2e.py BASE_URL SCREENSHOT_DIR PERIOD  (passwords in the environment)
"""
import json
import os
import sys
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402

BASE, SHOTS, PERIOD = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(SHOTS, exist_ok=True)
problems = []


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=vi"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    return driver


heights = {}


def visit(driver, path, name):
    """Opens a page and holds it to checks.PAGE at both widths: no sideways scroll, every
    input labelled, no raw JSON, no English in the Vietnamese interface; keeps a screenshot
    of each width and the page's height on a phone."""
    driver.get(BASE + path)
    for p in driver.execute_script(checks.PAGE, checks.ENGLISH):
        problems.append(f"{path}: {p}")
    if "Lỗi máy chủ" in driver.page_source:
        problems.append(f"{path}: server error")
    for width, height, label in checks.WIDTHS:
        driver.set_window_size(width, height)
        over = checks.sideways(driver)
        if over > 0:
            problems.append(f"{path}: scrolls sideways by {over} px at {width} px")
        full = checks.height(driver)
        if label == "phone":
            heights[name] = full
        driver.set_window_size(width, max(height, min(full, 8000)))
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-{label}.png"))
    driver.set_window_size(1366, 900)


def gone(page):
    """Whether the old page is gone. Mid-navigation Chrome may say so not as a stale element,
    which is all `staleness_of` expects, but as a node that no longer belongs to the document."""
    def check(_driver):
        try:
            page.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return check


def click(driver, element):
    """Clicks and waits for the next page: reading the old one would race the navigation."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(gone(page))


def sign_in(driver, user):
    driver.get(BASE + "/login")
    visit(driver, "/login", "login")
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(os.environ["DXTRACK_E2E_PASSWORD_" + user.upper().replace("-", "_")])
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))
    assert "/login" not in driver.current_url, f"{user} could not sign in: {driver.current_url}"


def sign_out(driver):
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button[type=submit]"))


def expect(condition, message):
    if not condition:
        errors = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error, [role=alert]")]
        problems.append(f"{message} (at {driver.current_url}; errors shown: {errors or 'none'})")


driver = browser()
try:
    report = f"/reports/F/20-STTTT/{PERIOD}"
    # 1. The reporter types the figures as Vietnamese people write them, and submits.
    sign_in(driver, "reporter")
    expect(driver.current_url.endswith("/reports"), "the reporter does not land on what is owed")
    visit(driver, "/reports", "my-reports")
    click(driver, driver.find_element(By.CSS_SELECTOR, f"a[href='{report}']"))
    visit(driver, report, "report-entry")
    for field, text in (("n.cqs_ho_so_cong_viec_truc_tuyen", "378"), ("d.cqs_ho_so_cong_viec_truc_tuyen", "1.000"),
                        ("v.cks_phuong_tien", "7.776"), ("v.kts_doanh_thu_tmdt", "12,5")):
        box = driver.find_element(By.ID, field)
        box.clear()
        box.send_keys(text)
    share = driver.find_element(By.ID, "share.cqs_ho_so_cong_viec_truc_tuyen").text
    expect(share == "= 37,8%", f"the share does not show while typing: {share!r}")
    click(driver, driver.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    expect("Đã gửi" in driver.page_source, "the report did not show as submitted")
    sign_out(driver)

    # 2. The approver finds it in the queue, compares with the last period and approves.
    sign_in(driver, "approver")
    expect(driver.current_url.endswith("/reports"), "the approver does not land on the queue")
    visit(driver, "/reports", "approval-queue")
    bell = driver.find_element(By.CSS_SELECTOR, "a.bell")
    expect(bell.get_attribute("aria-label") == "Thông báo: 1 chưa đọc", f"the approver's bell does not count the submission: {bell.get_attribute('aria-label')!r}")
    queue = driver.find_element(By.ID, "t-cho-duyet")
    click(driver, queue.find_element(By.CSS_SELECTOR, f"a[href='{report}']"))
    click(driver, driver.find_element(By.CSS_SELECTOR, "button[value=approve]"))
    expect("Đã phê duyệt" in driver.page_source, "the report did not show as approved")

    expect("Phê duyệt" in driver.find_element(By.CSS_SELECTOR, "ol.steps").text, "the history does not list the approval")
    visit(driver, report, "report-approved")
    sign_out(driver)

    # 2b. The reporter hears of it: the bell, the inbox, the notice opens the report; mail settings.
    sign_in(driver, "reporter")
    click(driver, driver.find_element(By.CSS_SELECTOR, "a.bell"))
    visit(driver, "/inbox", "inbox")
    notice = driver.find_element(By.CSS_SELECTOR, "ul.notices li.unread a")
    expect(notice.text.startswith("Báo cáo đã được phê duyệt"), f"the inbox does not show the approval: {notice.text!r}")
    click(driver, notice)
    expect(driver.current_url.endswith(report), "the notice does not open its report")
    expect(not driver.find_elements(By.CSS_SELECTOR, "a.bell .count"), "the notice opened is still counted unread")
    visit(driver, "/settings", "settings")
    driver.find_element(By.ID, "email").send_keys("baocao@stttt.langson.gov.vn")
    driver.find_element(By.CSS_SELECTOR, "input[name=choice][value=daily]").click()
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/settings'] button[type=submit]"))
    expect("Đã lưu" in driver.page_source, "the mail settings were not saved")
    sign_out(driver)

    # 3. A leader lands on the dashboard, which reads the approved figures, as do the other pages.
    sign_in(driver, "leader")
    expect("/dashboard" in driver.current_url, "the leader does not land on the dashboard")
    visit(driver, f"/dashboard?unit=20&period={PERIOD}", "dashboard")
    expect("37,8%" in driver.page_source, "the dashboard does not show the approved 37,8%")
    visit(driver, f"/dashboard?unit=20&period={PERIOD}&lang=en", "dashboard-en")
    expect("37.8%" in driver.page_source, "the English dashboard does not show 37.8%")
    driver.get(BASE + "/lang/vi?back=/")
    visit(driver, f"/units/20-STTTT?period={PERIOD}", "unit")
    visit(driver, f"/indicators/cqs_ho_so_cong_viec_truc_tuyen?unit=20&period={PERIOD}", "indicator")
    visit(driver, "/plans", "plans")
    visit(driver, f"/plans/KH135?period={PERIOD}", "plan")
    visit(driver, f"/rankings?unit=20&indicator=kts_doanh_thu_tmdt&kind=department&period={PERIOD[:4]}", "ranking")
    visit(driver, "/rankings/index?unit=20", "ranking-index")
    visit(driver, "/emulation/TD", "emulation")
    # The quarterly report's HTML, under the app's own Content-Security-Policy: its style applies.
    driver.get(BASE + f"/api/reports/quarterly?unit=20&period={PERIOD}&format=html")
    styled = driver.execute_script(
        "const img = document.querySelector('img.chart');"
        "return getComputedStyle(document.body).fontFamily.includes('Times New Roman')"
        " && getComputedStyle(document.querySelector('table.targets')).borderCollapse === 'collapse'"
        " && (!img || Math.abs(img.getBoundingClientRect().width - 567) < 3);")
    expect(styled, "the quarterly report's style is blocked by the Content-Security-Policy")
    expect("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in driver.page_source, "the quarterly report's HTML does not open")
    driver.save_screenshot(os.path.join(SHOTS, "quarterly-report.png"))
    driver.get(BASE + "/")
    sign_out(driver)

    # 4. The coordinator launches an emulation campaign from the plan, typing dates as dd/mm/yyyy.
    sign_in(driver, "coordinator")
    expect("/dashboard" in driver.current_url, "the coordinator does not land on the dashboard")
    visit(driver, "/reports", "coordinator-reports")
    visit(driver, "/registry", "registry")
    visit(driver, "/registry/new", "registry-entry")
    visit(driver, "/emulation/new", "emulation-new")
    for field, text in (("code", "TD-E2E"), ("nameVi", "Thi đua chuyển đổi số"), ("theme", "Về đích sớm"),
                        ("start", "01/01/2026"), ("end", "31/12/2026"), ("clusters", "Khối các sở: Sở Thông tin và Truyền thông\nCụm huyện: 178"),
                        ("awards", "Bằng khen: 1, 80%")):
        driver.find_element(By.ID, field).send_keys(text)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/emulation/new'] button[type=submit]"))
    expect(driver.current_url.endswith("/emulation/TD-E2E"), "the new campaign's board did not open")
    expect("Khối các sở" in driver.page_source, "the new campaign's board does not show its cluster")
    sign_out(driver)

    # 5. The public, without signing in, sees the new value on the open-data portal.
    visit(driver, "/", "home")
    visit(driver, "/khong-co-trang-nay", "not-found")
    expect("Không tìm thấy trang" in driver.page_source, "a missing page is not a page in Vietnamese")
    visit(driver, "/open-data", "open-data")
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/open-data/kts_doanh_thu_tmdt']"))
    visit(driver, "/open-data/kts_doanh_thu_tmdt", "open-data-indicator")
    expect("12,5 tỷ đồng" in driver.page_source, "the portal does not show the approved 12,5 tỷ đồng")
    driver.get(BASE + "/dashboard")
    expect("/login" in driver.current_url, "the dashboard is not for the public")
finally:
    driver.quit()
    with open(os.path.join(SHOTS, "heights.json"), "w") as f:
        json.dump(heights, f, indent=1, sort_keys=True)

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("ok")
