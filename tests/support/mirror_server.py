#!/usr/bin/env python3
"""A local test mirror for NormLab's downloader: serves files from a folder on 127.0.0.1.

The first path segment picks the behaviour:
  /good/NAME   the file
  /corrupt/NAME the file with one byte flipped (checksum mismatch)
  /404/NAME    404 Not Found
  /stall/NAME  headers and 1 KiB, then silence until the client gives up
  /close/NAME  full Content-Length but only half the body, then the connection closes
  /slow/NAME   the file in 4 KiB pieces, 50 ms apart (long enough to cancel mid-way)
Prints the port on the first line of stdout, then serves until stdin closes or LIFETIME seconds
pass, so it never outlives the test that started it.
"""
import http.server
import os
import socketserver
import sys
import threading
import time

ROOT = sys.argv[1]
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 120.0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = self.path.strip("/").split("/", 1)
        if len(parts) != 2:
            self.send_error(404)
            return
        mode, name = parts
        path = os.path.join(ROOT, os.path.basename(name))
        if mode == "404" or not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as f:
            data = f.read()
        if mode == "corrupt":
            data = bytes([data[0] ^ 0xFF]) + data[1:]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            if mode == "stall":
                self.wfile.write(data[:1024])
                self.wfile.flush()
                time.sleep(LIFETIME)
            elif mode == "close":
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
            elif mode == "slow":
                for i in range(0, len(data), 4096):
                    self.wfile.write(data[i:i + 4096])
                    self.wfile.flush()
                    time.sleep(0.05)
            else:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    deadline = time.time() + LIFETIME
    # Stop when the test closes our stdin (or dies), or at the deadline.
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    while time.time() < deadline:
        time.sleep(0.2)
    os._exit(0)


if __name__ == "__main__":
    main()
