#include "scannedonly/clamd_protocol.hpp"

#include <algorithm>
#include <charconv>

namespace scannedonly {

namespace {

// Longer replies than any clamd sends are garbage, not parsed further.
constexpr std::size_t kMaxReply = 1024;

bool printable(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Strips "stream: " or "fd[N]: "; false when neither starts `s`.
bool strip_subject(std::string_view& s) {
    constexpr std::string_view kStream = "stream: ";
    if (s.starts_with(kStream)) {
        s.remove_prefix(kStream.size());
        return true;
    }
    if (!s.starts_with("fd[")) return false;
    const std::size_t close = s.find("]: ");
    if (close == std::string_view::npos || !digits(s.substr(3, close - 3))) return false;
    s.remove_prefix(close + 3);
    return true;
}

bool ends_with_word(std::string_view s, std::string_view word, std::string_view& before) {
    if (s.size() <= word.size() + 1 || !s.ends_with(word) || s[s.size() - word.size() - 1] != ' ')
        return false;
    before = s.substr(0, s.size() - word.size() - 1);
    return true;
}

}  // namespace

std::string ClamdAddress::name() const {
    if (is_unix()) return "unix:" + path;
    const bool v6 = host.find(':') != std::string::npos;
    return "tcp:" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ClamdAddress> parse_clamd_tcp(std::string_view text) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || !printable(text) ||
        text.find(' ') != std::string_view::npos)
        return std::nullopt;
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.starts_with('[') != host.ends_with(']')) return std::nullopt;
    if (host.starts_with('[')) host = host.substr(1, host.size() - 2);
    else if (host.find(':') != std::string_view::npos) return std::nullopt;  // unbracketed IPv6
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (host.empty() || !digits(port_text) || ec != std::errc() ||
        end != port_text.data() + port_text.size() || port == 0 || port > 65535)
        return std::nullopt;
    return ClamdAddress{{}, std::string(host), static_cast<std::uint16_t>(port)};
}

ClamdReply parse_clamd_reply(std::string_view reply) {
    if (reply.empty() || reply.size() > kMaxReply || !printable(reply))
        return {ClamdReply::Garbage, {}};
    std::string_view message;
    if (ends_with_word(reply, "ERROR", message)) {
        // Errors about the connection itself ("INSTREAM size limit
        // exceeded.") come without a subject.
        strip_subject(message);
        if (message.empty()) return {ClamdReply::Garbage, {}};
        return {ClamdReply::Error, std::string(message)};
    }
    std::string_view rest = reply;
    if (!strip_subject(rest)) return {ClamdReply::Garbage, {}};
    if (rest == "OK") return {ClamdReply::Ok, {}};
    std::string_view name;
    if (ends_with_word(rest, "FOUND", name) && name.find(' ') == std::string_view::npos)
        return {ClamdReply::Found, std::string(name)};
    return {ClamdReply::Garbage, {}};
}

bool is_stream_limit(const ClamdReply& reply) {
    return reply.kind == ClamdReply::Error && reply.text.starts_with("INSTREAM size limit exceeded");
}

std::optional<ClamdVersion> parse_clamd_version(std::string_view reply) {
    constexpr std::string_view kPrefix = "ClamAV ";
    if (reply.size() > kMaxReply || !printable(reply) || !reply.starts_with(kPrefix))
        return std::nullopt;
    reply.remove_prefix(kPrefix.size());
    const std::size_t slash = reply.find('/');
    ClamdVersion v{std::string(reply.substr(0, slash)), {}, {}};
    if (v.engine.empty() || v.engine.find(' ') != std::string::npos) return std::nullopt;
    if (slash == std::string_view::npos) return v;
    const std::string_view rest = reply.substr(slash + 1);
    const std::size_t second = rest.find('/');
    if (second == std::string_view::npos || !digits(rest.substr(0, second)) ||
        second + 1 == rest.size())
        return std::nullopt;
    v.signatures = std::string(rest.substr(0, second));
    v.date = std::string(rest.substr(second + 1));
    return v;
}

}  // namespace scannedonly
