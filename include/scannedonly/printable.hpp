// Untrusted text (paths from the network, users' file names) made safe to
// print on one line of a log or a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace scannedonly {

// C0 and C1 control characters, DEL, bidirectional controls, U+2028/U+2029,
// bytes that are not valid UTF-8 and the backslash become "\xHH" per byte:
// a name can neither start a new (forged) log line, nor send escape
// sequences to a terminal, nor display its text out of order, and the
// result reads back unambiguously. Other UTF-8 text is kept as it is.
std::string printable(std::string_view text);

// The same for at most the first max_bytes of text; "..." marks a cut.
std::string printable(std::string_view text, std::size_t max_bytes);

}  // namespace scannedonly
