#include "scannedonly/units.hpp"

#include <cctype>
#include <charconv>
#include <limits>
#include <string>

namespace scannedonly {

namespace {

struct NumberAndSuffix {
    std::uint64_t number;
    std::string suffix;  // lower-cased
};

std::optional<NumberAndSuffix> split_number(std::string_view text) {
    std::uint64_t number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end == text.data()) return std::nullopt;
    return NumberAndSuffix{number, lower_case(std::string_view(end, text.data() + text.size()))};
}

std::optional<std::uint64_t> checked_multiply(std::uint64_t value, std::uint64_t factor) {
    if (factor != 0 && value > std::numeric_limits<std::uint64_t>::max() / factor)
        return std::nullopt;
    return value * factor;
}

}  // namespace

std::optional<std::uint64_t> parse_size(std::string_view text, std::uint64_t bare_unit) {
    auto parsed = split_number(text);
    if (!parsed) return std::nullopt;
    std::string unit = parsed->suffix;
    if (unit.empty()) return checked_multiply(parsed->number, bare_unit);
    if (unit.size() == 2 && unit[1] == 'b') unit.pop_back();
    if (unit == "b") return parsed->number;
    if (unit == "k") return checked_multiply(parsed->number, kKiB);
    if (unit == "m") return checked_multiply(parsed->number, kMiB);
    if (unit == "g") return checked_multiply(parsed->number, 1ULL << 30);
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                        std::chrono::milliseconds bare_unit) {
    using namespace std::chrono;
    auto parsed = split_number(text);
    if (!parsed) return std::nullopt;
    milliseconds unit;
    if (parsed->suffix.empty()) unit = bare_unit;
    else if (parsed->suffix == "ms") unit = 1ms;
    else if (parsed->suffix == "s") unit = 1s;
    else if (parsed->suffix == "m") unit = 1min;
    else if (parsed->suffix == "h") unit = 1h;
    else if (parsed->suffix == "d") unit = 24h;
    else if (parsed->suffix == "w") unit = 24h * 7;
    else return std::nullopt;
    auto total = checked_multiply(parsed->number, static_cast<std::uint64_t>(unit.count()));
    if (!total || *total > static_cast<std::uint64_t>(milliseconds::max().count()))
        return std::nullopt;
    return milliseconds(static_cast<milliseconds::rep>(*total));
}

std::optional<bool> parse_bool(std::string_view text) {
    const std::string v = lower_case(text);
    if (v == "yes" || v == "true" || v == "on" || v == "1") return true;
    if (v == "no" || v == "false" || v == "off" || v == "0") return false;
    return std::nullopt;
}

std::string lower_case(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace scannedonly
