#!/usr/bin/env python3
"""A small fake of the Cloud Logging API (entries.list) for hermetic tests of pipeline.sh with the REAL
gcloud CLI (CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING=http://127.0.0.1:PORT/).

usage: server.py --entries FILE --requests LOG --port-file FILE [--mode ok|quota] [--expect-since TS]

Serves the LogEntry objects of FILE (a JSON array) in two pages. Every request body is appended to LOG
as one JSON line. With --expect-since, a request whose filter lacks `timestamp>="TS"` gets HTTP 400.
With --mode quota, page two answers HTTP 429 RESOURCE_EXHAUSTED. Listens on 127.0.0.1 only, writes the
port it got to --port-file, and exits by itself after --lifetime seconds (default 120).
"""
import argparse, json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ap = argparse.ArgumentParser()
ap.add_argument("--entries", required=True)
ap.add_argument("--requests", required=True)
ap.add_argument("--port-file", required=True)
ap.add_argument("--mode", default="ok", choices=["ok", "quota"])
ap.add_argument("--expect-since")
ap.add_argument("--lifetime", type=float, default=120)
a = ap.parse_args()
entries = json.load(open(a.entries))
half = (len(entries) + 1) // 2


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        with open(a.requests, "a") as fh:
            fh.write(json.dumps({"path": self.path, "auth": self.headers.get("Authorization", ""), "body": body}) + "\n")
        if not self.path.startswith("/v2/entries:list"):
            return self.reply(404, {"error": {"code": 404, "message": "not found", "status": "NOT_FOUND"}})
        flt = body.get("filter", "")
        if a.expect_since and f'timestamp>="{a.expect_since}"' not in flt:
            return self.reply(400, {"error": {"code": 400, "message": f"filter lacks the timestamp bound: {flt}", "status": "INVALID_ARGUMENT"}})
        if body.get("pageToken") != "page-2":
            return self.reply(200, {"entries": entries[:half], "nextPageToken": "page-2"})
        if a.mode == "quota":
            return self.reply(429, {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED",
                                              "message": "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute'"}})
        return self.reply(200, {"entries": entries[half:]})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(a.port_file, "w") as fh:
    fh.write(str(server.server_address[1]))
threading.Timer(a.lifetime, server.shutdown).start()
server.serve_forever()
