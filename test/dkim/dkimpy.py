#!/usr/bin/python3
"""Debian's python3-dkim (dkimpy) as an independent DKIM/ARC implementation for interop.test.ts.

The message comes on stdin; DNS answers come from a JSON file {name: [strings, ...]} (the
character-strings of one TXT record, joined as a resolver joins them).

  dkimpy.py verify ZONE.json        -> JSON list, one {"domain", "selector", "ok"} per DKIM-Signature, top first
  dkimpy.py arc-verify ZONE.json    -> JSON {"cv", "comment"}
  dkimpy.py sign ALG SELECTOR DOMAIN KEYFILE
                                    -> the DKIM-Signature field (RSA: PKCS#1 PEM key; Ed25519: base64 seed)
"""
import json
import sys

import dkim


def dnsfunc_from(path):
    with open(path) as f:
        zone = {k.lower().rstrip("."): v for k, v in json.load(f).items()}

    def dnsfunc(name, timeout=5):
        key = (name.decode() if isinstance(name, bytes) else name).lower().rstrip(".")
        strings = zone.get(key)
        return "".join(strings).encode() if strings else None

    return dnsfunc


def main():
    cmd = sys.argv[1]
    message = sys.stdin.buffer.read()
    if cmd == "verify":
        dnsfunc = dnsfunc_from(sys.argv[2])
        d = dkim.DKIM(message)
        out = []
        sigs = [v for (k, v) in d.headers if k.lower() == b"dkim-signature"]
        for idx, value in enumerate(sigs):
            tags = dkim.util.parse_tag_value(value)
            ok = dkim.DKIM(message).verify(idx=idx, dnsfunc=dnsfunc)
            out.append({"domain": tags[b"d"].decode(), "selector": tags[b"s"].decode(), "ok": bool(ok)})
        print(json.dumps(out))
    elif cmd == "arc-verify":
        cv, _results, comment = dkim.arc_verify(message, dnsfunc=dnsfunc_from(sys.argv[2]))
        print(json.dumps({"cv": cv.decode(), "comment": comment}))
    elif cmd == "sign":
        alg, selector, domain, keyfile = sys.argv[2:6]
        with open(keyfile, "rb") as f:
            key = f.read().strip()
        sig = dkim.sign(
            message,
            selector.encode(),
            domain.encode(),
            key,
            canonicalize=(b"relaxed", b"relaxed"),
            signature_algorithm=b"rsa-sha256" if alg == "rsa" else b"ed25519-sha256",
            include_headers=[b"from", b"to", b"subject", b"date", b"message-id"],
        )
        sys.stdout.buffer.write(sig)
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
