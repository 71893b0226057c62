#include "scannedonly/text_template.hpp"

#include <algorithm>

namespace scannedonly {

std::string fill_template(std::string_view text, const TemplateValues& values) {
    std::string out;
    while (!text.empty()) {
        const std::size_t open = text.find('%');
        out += text.substr(0, open);
        if (open == std::string_view::npos) break;
        text.remove_prefix(open);
        if (text.starts_with("%%")) {
            out += '%';
            text.remove_prefix(2);
            continue;
        }
        const std::size_t close = text.find('%', 1);
        const std::string_view name =
            close == std::string_view::npos ? std::string_view() : text.substr(1, close - 1);
        const auto known = std::find_if(values.begin(), values.end(),
                                        [&](const auto& v) { return !name.empty() && v.first == name; });
        if (known == values.end()) {
            out += '%';
            text.remove_prefix(1);
            continue;
        }
        out += known->second;
        text.remove_prefix(close + 1);
    }
    return out;
}

}  // namespace scannedonly
