// Parsing of human-friendly values: sizes ("5M"), durations ("14d", "50ms")
// and booleans ("yes"), as the module's, the daemon's and prescan's options
// spell them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scannedonly {

// Bytes from "123", "100k", "5M", "2G" (binary multiples, case-insensitive,
// an optional trailing "B"); a bare number counts `bare_unit` bytes each
// (an option of the original takes its own unit: --big 5 is 5 MiB). Empty
// on any other text or on overflow.
std::optional<std::uint64_t> parse_size(std::string_view text, std::uint64_t bare_unit = 1);

inline constexpr std::uint64_t kKiB = 1ULL << 10;
inline constexpr std::uint64_t kMiB = 1ULL << 20;

// A duration from "<n><unit>" with unit ms, s, m, h, d or w; a bare number is
// taken in `bare_unit`. Empty on any other text or on overflow.
std::optional<std::chrono::milliseconds> parse_duration(
    std::string_view text, std::chrono::milliseconds bare_unit = std::chrono::seconds(1));

// Samba's boolean spellings: yes/no, true/false, on/off, 1/0 (any case).
std::optional<bool> parse_bool(std::string_view text);

// ASCII lower case: option names and unit suffixes are case-insensitive.
std::string lower_case(std::string_view text);

}  // namespace scannedonly
