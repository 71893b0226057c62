// clamd's side of the wire, parsed strictly: the servers scannedonlyd is
// told to use, the replies to scan commands and to VERSION. Everything a
// server sends is distrusted; what does not parse is garbage, and a server
// that answers garbage is treated as failed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scannedonly {

// A clamd server: a unix socket (path) or a TCP host and port.
struct ClamdAddress {
    std::string path;  // non-empty for a unix socket
    std::string host;
    std::uint16_t port = 0;

    bool is_unix() const { return !path.empty(); }
    // "unix:/run/clamav/clamd.ctl", "tcp:host:3310", "tcp:[::1]:3310"
    std::string name() const;
    bool operator==(const ClamdAddress&) const = default;
};

// "HOST:PORT", "[IPV6]:PORT"; nullopt when malformed (no port, port out
// of range, an unbracketed IPv6 address, white space).
std::optional<ClamdAddress> parse_clamd_tcp(std::string_view text);

// One reply to zINSTREAM or zFILDES, its terminating NUL removed:
// "stream: OK", "stream: NAME FOUND", "fd[N]: ...", "... ERROR".
struct ClamdReply {
    enum Kind { Ok, Found, Error, Garbage } kind;
    std::string text;  // Found: the signature name; Error: the message
};
ClamdReply parse_clamd_reply(std::string_view reply);

// clamd's error for a stream longer than its StreamMaxLength.
bool is_stream_limit(const ClamdReply& reply);

// "ClamAV 1.4.2/27456/Mon Dec  1 09:35:00 2026", or "ClamAV 1.4.2" from a
// clamd without a daily database. The date is clamd's, in its local time.
struct ClamdVersion {
    std::string engine;      // "1.4.2"
    std::string signatures;  // "27456", or empty
    std::string date;        // as sent, or empty
};
std::optional<ClamdVersion> parse_clamd_version(std::string_view reply);

}  // namespace scannedonly
