"""Screenshot an HTML report in headless Chromium (for README's picture).

    python benchmarks/generate.py /tmp/subs --kind submissions --count 40 --seed 7
    plancheck check /tmp/subs --format html -o /tmp/report.html
    python scripts/report_screenshot.py /tmp/report.html docs/html-report.png
"""
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def screenshot(page: Path, target: Path, width: int = 1400, height: int = 900) -> None:
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.get(page.resolve().as_uri())
            driver.save_screenshot(str(target))
        finally:
            driver.quit()


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
