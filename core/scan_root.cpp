#include "scannedonly/scan_root.hpp"

namespace scannedonly {

namespace {
// "" when path is not strictly beneath root, else the part after root's '/'.
std::optional<std::string_view> relative_to(std::string_view root, std::string_view path) {
    if (root == "/") return path.size() > 1 ? std::optional(path.substr(1)) : std::nullopt;
    if (path.size() <= root.size() + 1 || !path.starts_with(root) || path[root.size()] != '/')
        return std::nullopt;
    return path.substr(root.size() + 1);
}
}  // namespace

std::optional<RootedPath> split_beneath(const std::vector<std::string>& roots,
                                        std::string_view path) {
    const std::string* best = nullptr;
    std::string_view rest;
    for (const std::string& root : roots) {
        auto relative = relative_to(root, path);
        if (relative && (!best || root.size() > best->size())) {
            best = &root;
            rest = *relative;
        }
    }
    if (!best) return std::nullopt;
    const std::size_t slash = rest.rfind('/');
    if (slash == std::string_view::npos) return RootedPath{*best, "", std::string(rest)};
    return RootedPath{*best, std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1))};
}

}  // namespace scannedonly
