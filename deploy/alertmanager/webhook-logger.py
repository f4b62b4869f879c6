"""A webhook receiver for Alertmanager that prints every notification it is sent, one line per
alert: the default receiver of docker-compose's alerting profile, so that alerts reach at least
a log (docker compose logs alert-logger) until PUNCTUAL_ALERT_WEBHOOK_URL points elsewhere."""

import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Notification(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            for alert in json.loads(body).get("alerts", []):
                labels = alert.get("labels", {})
                print(
                    alert.get("status", "?").upper(),
                    labels.get("severity", "-"),
                    labels.get("alertname", "?"),
                    alert.get("annotations", {}).get("summary", ""),
                    json.dumps(labels, sort_keys=True),
                    flush=True,
                )
            self.send_response(200)
        except ValueError:
            print("not a notification:", body[:200], file=sys.stderr, flush=True)
            self.send_response(400)
        self.end_headers()

    def log_message(self, *args):
        pass  # one line per alert above is enough


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    HTTPServer(("", port), Notification).serve_forever()
