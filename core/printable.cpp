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

// Unicode's Bidi_Control characters, which reorder how the rest of a line
// is displayed ("evil.exe" can show as "exe.live"), and U+2028/U+2029,
// which some log viewers break lines at. Listed by hand: 14 characters, a
// list unchanged since Unicode 6.3, do not warrant a dependency on ICU.
bool reorders_or_breaks_lines(std::string_view sequence) {
    static constexpr std::string_view kCharacters[] = {
        "\u061c",                                             // ALM
        "\u200e", "\u200f",                                   // LRM, RLM
        "\u2028", "\u2029",                                   // LS, PS
        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",     // LRE, RLE, PDF, LRO, RLO
        "\u2066", "\u2067", "\u2068", "\u2069",               // LRI, RLI, FSI, PDI
    };
    for (std::string_view c : kCharacters)
        if (sequence == c) return true;
    return false;
}
}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const std::size_t len = utf8_sequence_length(text);
        const std::string_view sequence = text.substr(0, len ? len : 1);
        const unsigned char first = static_cast<unsigned char>(sequence[0]);
        if (len == 0 || first < 0x20 || first == 0x7f || first == '\\' || is_c1_control(sequence) ||
            reorders_or_breaks_lines(sequence))
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
