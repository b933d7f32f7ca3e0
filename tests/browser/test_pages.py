"""Walks each user's main flow through moderate's web pages in headless Chromium (issue 10).

Run by tests/browser/run.sh against a fresh `moderate serve`; every check asserts on what the
browser shows. Screenshots of each page go to $SCREENSHOTS.
"""

import base64
import hashlib
import hmac
import os
import struct
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ.get("BASE", "http://127.0.0.1:18095")
SHOTS = os.environ.get("SCREENSHOTS", ".build/screenshots")
WORK = os.environ.get("WORK", "/tmp")


def totp(key_text: str, at: float, step_offset: int = 0) -> str:
    """RFC 6238 code for the key the enrolment page shows (base32, grouped by four)."""
    key = key_text.replace(" ", "").upper()
    key += "=" * (-len(key) % 8)
    counter = int(at // 30) + step_offset
    digest = hmac.new(base64.b32decode(key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def browser(width: int = 1280, height: int = 900) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


class Pages(unittest.TestCase):
    keys: dict = {}

    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    # helpers

    def shot(self, name: str, driver=None):
        driver = driver or self.driver
        # A full-page screenshot: make the window as tall as the page.
        height = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.execute_script("return window.innerWidth")
        driver.set_window_size(max(width, 375), min(max(height + 120, 600), 6000))
        driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))

    def submit(self, selector: str):
        """Presses a form's button and waits until the browser has left the page (the answer to a
        form is always a new page: post, redirect, get), so the next check reads the new page."""
        self.follow(self.driver.find_element(By.CSS_SELECTOR, selector))

    def follow(self, element, driver=None):
        """Clicks a button or link and waits for the new page: until the clicked element is no longer
        in the document (chromedriver reports that as a stale element or, mid-navigation, as another
        error about the node)."""
        element.click()

        def gone(_):
            try:
                element.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(driver or self.driver, 10).until(gone)

    def open(self, path: str):
        self.driver.get(BASE + path)

    def login(self, account: str):
        self.open("/inloggen")
        self.driver.find_element(By.ID, "login").send_keys(account)
        self.driver.find_element(By.ID, "password").send_keys(f"wachtwoord-van-{account}")
        self.submit("form button[type=submit]")

    def second_factor(self, account: str, shoot: str | None = None) -> list:
        """Enrols the authenticator app at the first sign-in, or gives a code; returns recovery codes."""
        path = urllib.parse.urlparse(self.driver.current_url).path
        if path == "/inloggen/koppelen":
            key = self.driver.find_element(By.ID, "totp-key").text
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "svg.qr"), "the enrolment page shows a QR code")
            self.assertIn("otpauth://totp/", self.driver.find_element(By.ID, "totp-url").text)
            if shoot:
                self.shot(shoot)
            Pages.keys[account] = key
            self.driver.find_element(By.ID, "code").send_keys(totp(key, time.time()))
            self.submit("form[action='/inloggen/koppelen'] button")
            codes = [item.text for item in self.driver.find_elements(By.CSS_SELECTOR, "#recovery-codes li")]
            self.assertEqual(len(codes), 10, "ten recovery codes are shown once")
            if shoot:
                self.shot(shoot + "-herstelcodes")
            self.follow(self.driver.find_element(By.LINK_TEXT, "Ik heb ze bewaard — verder"))
            return codes
        self.assertEqual(path, "/inloggen/code")
        self.driver.find_element(By.ID, "code").send_keys(totp(Pages.keys[account], time.time()))
        self.submit("form[action='/inloggen/code'] button[type=submit]")
        return []

    def logout(self):
        self.submit("form[action='/uitloggen'] button")

    def post_raw(self, path: str, fields: dict) -> int:
        """A form POST outside the page, with the browser's cookies: what a forged form would send."""
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(
            BASE + path,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "main").text

    # the flows

    def test_1_teacher_precheck_and_post(self):
        self.open("/leerkracht")
        self.assertTrue(self.driver.current_url.endswith("/inloggen"), "pages need a sign-in")
        self.shot("01-inloggen")
        self.login("t-devries")
        self.assertTrue(self.driver.current_url.endswith("/leerkracht"), self.driver.current_url)
        self.assertIn("Bericht schrijven", self.driver.title)
        self.shot("02-leerkracht-formulier")

        # Pre-check: a phone number, a script tag, and a pupil without photo consent on the photo.
        text = "Bel gerust de moeder van Sem op 06-12345678. <script>alert('x')</script> <b>vet</b>"
        self.driver.find_element(By.ID, "tekst").send_keys(text)
        consentless = self.driver.find_element(By.CSS_SELECTOR, "input[name=foto1][value='p-007']")
        label = consentless.find_element(By.XPATH, "..").text
        self.assertIn("geen fototoestemming", label, "the form shows who has photo consent")
        consentless.click()
        self.submit("button[value=controleer]")
        verdict = self.driver.find_element(By.ID, "oordeel").text
        self.assertEqual(verdict, "Zo niet plaatsen")
        marks = [mark.text for mark in self.driver.find_elements(By.CSS_SELECTOR, "#gemarkeerd mark")]
        self.assertTrue(any("06-12345678" in mark for mark in marks), marks)
        findings = self.driver.find_element(By.CSS_SELECTOR, ".findings").text
        self.assertIn("Afspraak:", findings)
        self.assertIn("Zo lost u het op:", findings)
        self.assertIn("toestemming", findings.lower())
        # The script tag is shown as text, never run or parsed as HTML.
        self.assertIn("<script>alert('x')</script>", self.driver.find_element(By.ID, "gemarkeerd").text)
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#gemarkeerd script, #gemarkeerd b"), [])
        self.assertEqual(self.driver.execute_script("return document.scripts.length"), 0)
        # The form keeps what was written and ticked.
        self.assertEqual(self.driver.find_element(By.ID, "tekst").get_attribute("value"), text)
        self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "input[name=foto1][value='p-007']").is_selected())
        self.shot("03-leerkracht-controle")

        # Place a post the directie must see first.
        area = self.driver.find_element(By.ID, "tekst")
        area.clear()
        area.send_keys("Ik verkoop zelfgebakken taarten voor 5 euro, stuur me een berichtje.")
        self.driver.find_element(By.CSS_SELECTOR, "input[name=foto1][value='p-007']").click()
        self.submit("button[value=plaatsen]")
        self.assertIn("/leerkracht/berichten/", self.driver.current_url)
        self.assertEqual(self.driver.find_element(By.ID, "status").text, "Wacht op de directie")
        Pages.review_url = self.driver.current_url.replace("/leerkracht/", "/directie/")
        self.shot("04-leerkracht-geplaatst")
        self.open("/leerkracht")
        self.assertIn("Wacht op de directie", self.driver.find_element(By.ID, "recent").find_element(By.XPATH, "..").text)

        # A teacher never reaches the directie's or the administration's pages.
        self.open("/directie")
        self.assertIn("Geen toegang", self.text())
        self.shot("05-leerkracht-geen-toegang")
        self.open("/administratie")
        self.assertIn("Geen toegang", self.text())
        # Another group's pupils cannot be tagged, even by a hand-made form.
        csrf = self.driver.find_element(By.CSS_SELECTOR, "form[action='/uitloggen'] input[name=_csrf]").get_attribute("value")
        self.assertEqual(
            self.post_raw("/leerkracht/controleer", {"_csrf": csrf, "groep": "groep-5b", "tekst": "Hallo", "foto1": "p-999"}), 422
        )
        self.assertEqual(self.post_raw("/leerkracht/controleer", {"_csrf": csrf, "groep": "groep-7a", "tekst": "Hallo"}), 403)
        # A form without the CSRF token is refused, and so is one with a wrong token.
        self.assertEqual(self.post_raw("/leerkracht/plaatsen", {"groep": "groep-5b", "tekst": "Hallo allemaal"}), 403)
        self.assertEqual(self.post_raw("/leerkracht/plaatsen", {"_csrf": "x" * 43, "groep": "groep-5b", "tekst": "Hallo"}), 403)
        self.logout()
        self.assertTrue(self.driver.current_url.endswith("/inloggen"))
        self.open("/leerkracht")
        self.assertTrue(self.driver.current_url.endswith("/inloggen"), "after logout the session is gone")

    def test_2_directie_review(self):
        self.login("d-bos")
        self.assertTrue(self.driver.current_url.endswith("/inloggen/koppelen"), "the directie enrols a second factor")
        codes = self.second_factor("d-bos", shoot="06-directie-koppelen")
        self.assertTrue(self.driver.current_url.endswith("/directie"), self.driver.current_url)
        self.assertIn("Wacht op besluit: 1", self.text())
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#wachtrij tbody tr")
        self.assertEqual(len(rows), 1)
        self.assertIn("t-devries", rows[0].text)
        self.assertIn("reclame", rows[0].text)
        Select(self.driver.find_element(By.ID, "categorie")).select_by_value("threat")
        self.submit("form.filters button")
        self.assertIn("Er is niets om te beoordelen met dit filter", self.text())
        self.open("/directie?status=pending")
        self.shot("07-directie-wachtrij")
        self.follow(self.driver.find_element(By.CSS_SELECTOR, "#wachtrij tbody tr a"))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#gemarkeerd mark"), "the findings are marked in the text")
        self.shot("08-directie-bericht")
        self.driver.find_element(By.CSS_SELECTOR, "input[name=besluit][value=reject]").click()
        self.driver.find_element(By.ID, "reden").send_keys("Reclame hoort niet op het portaal.")
        self.submit("form[action$='/besluit'] button")
        self.assertIn("Besluit opgeslagen", self.text())
        self.assertEqual(self.driver.find_element(By.ID, "status").text, "Niet geplaatst")
        self.follow(self.driver.find_element(By.PARTIAL_LINK_TEXT, "Eerdere berichten van"))
        self.assertIn("Berichten van t-devries", self.text())
        self.shot("09-directie-auteur")
        self.open("/directie/logboek")
        log = self.driver.find_element(By.ID, "logboek").text
        self.assertIn("review.view", log, "opening a flagged post is logged")
        self.assertIn("review.reject", log)
        self.assertIn("login", log)
        self.shot("10-directie-logboek")

        # A code counts once: the same code again is refused; a recovery code works once.
        self.logout()
        self.login("d-bos")
        used = totp(Pages.keys["d-bos"], time.time())
        self.driver.find_element(By.ID, "code").send_keys(used)
        self.submit("form[action='/inloggen/code'] button[type=submit]")
        if not self.driver.current_url.endswith("/directie"):
            pass  # the step moved on since enrolment: this code was new; try it once more below
        else:
            self.logout()
            self.login("d-bos")
        self.driver.find_element(By.ID, "code").send_keys(used)
        self.submit("form[action='/inloggen/code'] button[type=submit]")
        self.assertIn("al gebruikt", self.text())
        self.shot("11-tweede-stap-geweigerd")
        self.driver.find_element(By.ID, "code").send_keys(codes[0])
        self.submit("form[action='/inloggen/code'] button[type=submit]")
        self.assertTrue(self.driver.current_url.endswith("/directie"), "a recovery code signs in")
        self.logout()
        self.login("d-bos")
        self.driver.find_element(By.ID, "code").send_keys(codes[0])
        self.submit("form[action='/inloggen/code'] button[type=submit]")
        self.assertIn("al gebruikt", self.text(), "a recovery code works once")

    def test_3_administration_consent_and_roster(self):
        self.login("a-smit")
        self.second_factor("a-smit")
        self.assertTrue(self.driver.current_url.endswith("/administratie"), self.driver.current_url)
        grid = self.driver.find_element(By.ID, "toestemming").text
        self.assertIn("Daan van der Linden", grid)
        self.assertIn("niet gevraagd", grid)
        cell = self.driver.find_element(By.CSS_SELECTOR, "[data-pupil='p-002'][data-purpose='portalPhoto']")
        self.assertEqual(cell.text, "gegeven")
        self.shot("12-administratie-toestemming")
        Select(self.driver.find_element(By.ID, "leerling")).select_by_value("p-002")
        Select(self.driver.find_element(By.ID, "doel")).select_by_value("portalPhoto")
        Select(self.driver.find_element(By.ID, "besluit")).select_by_value("withdrawn")
        Select(self.driver.find_element(By.ID, "bron")).select_by_value("email")
        self.driver.find_element(By.ID, "notitie").send_keys("Mail van vader, 23 november")
        self.submit("form[action='/administratie/toestemming'] button")
        self.assertIn("Foto op portaal voor Daan van der Linden: ingetrokken", self.text())
        cell = self.driver.find_element(By.CSS_SELECTOR, "[data-pupil='p-002'][data-purpose='portalPhoto']")
        self.assertEqual(cell.text, "ingetrokken")
        self.shot("13-administratie-ingetrokken")

        # A roster with one bad row: every problem listed, nothing imported.
        with open("examples/roster.csv", encoding="utf-8-sig") as source:
            header = source.readline().strip()
        path = os.path.join(WORK, "rooster.csv")
        with open(path, "w", encoding="utf-8") as roster:
            roster.write(header + "\n")
            roster.write("p-100;Nieuwe;;Leerling;5B;o-100;Ouder;o-100@example.nl;ja;ja;nee;nee\n")
            roster.write("p-101;;;Zonder Naam;5B;o-101;Ouder;o-101@example.nl;ja;misschien;nee;nee\n")
        self.open("/administratie/rooster")
        self.driver.find_element(By.ID, "bestand").send_keys(path)
        self.submit("form[action='/administratie/rooster'] button")
        problems = self.driver.find_element(By.ID, "problemen").text
        self.assertIn("er is niets veranderd", problems)
        self.assertIn("Regel 3", problems)
        self.shot("14-administratie-rooster-fout")
        self.open("/administratie")
        self.assertNotIn("Nieuwe Leerling", self.text(), "nothing was imported")

        self.open("/administratie/schooljaar?jaar=2027-2028")
        self.assertIn("opnieuw toestemming geven voor 2027-2028", self.text())
        self.shot("15-administratie-schooljaar")
        self.open("/administratie/personeel")
        self.assertIn("t-devries", self.driver.find_element(By.ID, "personeel").text)
        self.shot("16-administratie-personeel")
        self.open("/directie")
        self.assertIn("Geen toegang", self.text())

    def test_4_phone_width(self):
        phone = browser(375, 800)
        try:
            phone.get(BASE + "/inloggen")
            phone.find_element(By.ID, "login").send_keys("t-devries")
            phone.find_element(By.ID, "password").send_keys("wachtwoord-van-t-devries")
            self.follow(phone.find_element(By.CSS_SELECTOR, "form button[type=submit]"), driver=phone)
            self.assertTrue(phone.current_url.endswith("/leerkracht"))
            overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            self.assertLessEqual(overflow, 0, "no sideways scrolling at 375 px")
            for element in phone.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), textarea, select"):
                identifier = element.get_attribute("id")
                if element.get_attribute("type") in ("checkbox", "radio"):
                    self.assertEqual(element.find_element(By.XPATH, "..").tag_name, "label")
                else:
                    self.assertTrue(phone.find_elements(By.CSS_SELECTOR, f"label[for='{identifier}']"), f"#{identifier} has a label")
            self.shot("17-telefoon-leerkracht", driver=phone)
        finally:
            phone.quit()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
