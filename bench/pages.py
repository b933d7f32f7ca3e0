#!/usr/bin/env python3
"""Fills the queue through the API, signs in each role through the pages (TOTP from the enrolment
page), and times each page. Run by bench/pages.sh; standard library only."""
import base64, hashlib, hmac, http.client, json, os, re, statistics, struct, time, urllib.parse

BASE = urllib.parse.urlparse(os.environ["BASE"])
TOKEN = os.environ["TOKEN"]
REQUESTS = int(os.environ.get("REQUESTS", "200"))


class Session:
    def __init__(self):
        self.connection = http.client.HTTPConnection(BASE.hostname, BASE.port)
        self.cookies, self.csrf, self.page = {}, None, ""

    def request(self, method, path, fields=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            if self.csrf:
                fields = dict(fields, _csrf=self.csrf)
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closes connections idle for 30 s; a browser simply reconnects.
            self.connection = http.client.HTTPConnection(BASE.hostname, BASE.port)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read().decode()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        match = re.search(r'name="_csrf" value="([^"]*)"', data)
        if match:
            self.csrf = match.group(1)
        self.page = data
        if response.status == 303 and method == "POST":
            return self.request("GET", response.headers["Location"])
        return response.status

    def sign_in(self, account):
        self.request("GET", "/inloggen")
        self.request("POST", "/inloggen", {"login": account, "password": f"bench-wachtwoord-{account}"})
        key = re.search(r'id="totp-key">([^<]*)<', self.page)
        if key:
            self.request("POST", "/inloggen/koppelen", {"code": totp(key.group(1))})


def totp(key):
    key = key.replace(" ", "").upper()
    key += "=" * (-len(key) % 8)
    digest = hmac.new(base64.b32decode(key), struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000:06d}"


def fill_queue(count):
    connection = http.client.HTTPConnection(BASE.hostname, BASE.port)
    texts = [
        "Ik verkoop zelfgebakken taarten voor {n} euro, stuur me een berichtje als je er een wilt.",
        "Stem allemaal op de partij van mijn buurman bij de verkiezingen, nummer {n} op de lijst!",
    ]
    ids = []
    for n in range(count):
        body = json.dumps({"group": "groep-5b", "text": texts[n % 2].format(n=n + 2), "postedAt": "2026-11-24T15:10:00+01:00"})
        connection.request("POST", "/v1/posts", body=body, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        answer = json.loads(connection.getresponse().read())
        ids.append(answer["id"])
    return ids


def measure(session, label, method, path, fields=None):
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        status = session.request(method, path, fields)
        timings.append((time.perf_counter() - start) * 1000)
        assert status == 200, (label, status, session.page[:300])
    timings.sort()
    print(f"{label:<44} median {statistics.median(timings):6.2f} ms   p95 {timings[int(len(timings) * 0.95) - 1]:6.2f} ms   max {timings[-1]:6.2f} ms   {len(session.page) // 1024} KiB")


ids = fill_queue(1000)
teacher, directie, admin = Session(), Session(), Session()
teacher.sign_in("t-devries")
directie.sign_in("d-bos")
admin.sign_in("a-smit")
directie.request("GET", "/directie")
waiting = re.search(r"Wacht op besluit: <strong>(\d+)</strong>", directie.page)
assert waiting, ("the directie is not signed in", directie.page[:400])
print(f"{REQUESTS} requests per page, one client, keep-alive; groep 5B has 30 pupils; {waiting.group(1)} of the 1,000 posts wait for review")
measure(teacher, "teacher: /leerkracht (30 pupils x 3 photos)", "GET", "/leerkracht")
measure(teacher, "teacher: Controleer (POST, check + page)", "POST", "/leerkracht/controleer",
        {"groep": "groep-5b", "tekst": "Morgen gaan we naar het museum. Neem een lunchpakket mee! Bel de moeder van Sem op 06-12345678.", "foto1": "p-007"})
measure(directie, "directie: /directie (queue of 1,000, page 1)", "GET", "/directie")
measure(directie, "directie: /directie?pagina=50 (last page)", "GET", "/directie?status=pending&pagina=50")
measure(directie, "directie: a flagged post (view is audited)", "GET", "/directie/berichten/" + ids[500])
measure(directie, "directie: /directie/logboek", "GET", "/directie/logboek")
measure(directie, "directie: author history", "GET", "/directie/auteurs/t-devries")
measure(admin, "administratie: consent grid (30 pupils)", "GET", "/administratie?groep=groep-5b")
measure(admin, "administratie: /administratie/personeel", "GET", "/administratie/personeel")
