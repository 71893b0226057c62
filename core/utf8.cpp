#include "scannedonly/utf8.hpp"

#include <cstdint>

namespace scannedonly {

namespace {
bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::size_t utf8_sequence_length(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    if (text.empty()) return 0;
    const unsigned char c = s[0];
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return 0;
    if (len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if (!continuation(s[k])) return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool is_valid_utf8(std::string_view text) {
    while (!text.empty()) {
        const std::size_t len = utf8_sequence_length(text);
        if (len == 0) return false;
        text.remove_prefix(len);
    }
    return true;
}

}  // namespace scannedonly
