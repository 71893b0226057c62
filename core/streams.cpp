#include "scannedonly/streams.hpp"

namespace scannedonly {

std::vector<std::string> stream_attribute_names(std::string_view list) {
    std::vector<std::string> names;
    while (!list.empty()) {
        const std::size_t end = list.find('\0');
        const std::string_view name = list.substr(0, end);
        if (name.starts_with("user.")) names.emplace_back(name);
        if (end == std::string_view::npos) break;
        list.remove_prefix(end + 1);
    }
    return names;
}

}  // namespace scannedonly
