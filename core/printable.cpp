#include "scannedonly/printable.hpp"

#include "scannedonly/utf8.hpp"

#include <cstdio>

namespace scannedonly {

namespace {
void escape(std::string& out, std::string_view bytes) {
    for (unsigned char c : bytes) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
    }
}

// U+0080..U+009F, the C1 controls: some terminals act on them (CSI is U+009B).
bool is_c1_control(std::string_view sequence) {
    return sequence.size() == 2 && static_cast<unsigned char>(sequence[0]) == 0xC2 &&
           static_cast<unsigned char>(sequence[1]) < 0xA0;
}
}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const std::size_t len = utf8_sequence_length(text);
        const std::string_view sequence = text.substr(0, len ? len : 1);
        const unsigned char first = static_cast<unsigned char>(sequence[0]);
        if (len == 0 || first < 0x20 || first == 0x7f || first == '\\' || is_c1_control(sequence))
            escape(out, sequence);
        else
            out += sequence;
        text.remove_prefix(sequence.size());
    }
    return out;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return printable(text);
    return printable(text.substr(0, max_bytes)) + "...";
}

}  // namespace scannedonly
