// UTF-8 validation. Hand-written on purpose: the check is 30 lines, runs on
// every received path, and needs none of a regex engine's setup.
#pragma once

#include <cstddef>
#include <string_view>

namespace scannedonly {

// Strict RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// The length in bytes of the valid (as above) UTF-8 sequence `text` starts
// with; 0 when it is empty or starts with anything else.
std::size_t utf8_sequence_length(std::string_view text);

}  // namespace scannedonly
