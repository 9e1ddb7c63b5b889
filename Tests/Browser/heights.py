"""Measures dxtrack's pages as a phone shows them (390 px): how far each scrolls sideways,
how tall it is, and what checks.py finds. For a running dxtrack, not part of the tests.

usage: heights.py BASE_URL USERS_JSON PAGES_JSON
  USERS_JSON  {"reporter": ["baocao-snv", "PASSWORD"], "public": ["", ""], ...}
  PAGES_JSON  {"reporter": ["/reports"], "public": ["/", "/open-data"], ...}
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402

base, users, pages = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=vi"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for role, (user, password) in users.items():
        driver.delete_all_cookies()
        if user:
            driver.get(base + "/login")
            driver.find_element(By.ID, "username").send_keys(user)
            driver.find_element(By.ID, "password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
            time.sleep(1)
        for path in pages.get(role, []):
            driver.set_window_size(390, 844)
            driver.get(base + path)
            print(role, path, "sideways", checks.sideways(driver), "height", checks.height(driver))
            for problem in driver.execute_script(checks.PAGE, checks.ENGLISH):
                print("   ", problem)
finally:
    driver.quit()
