// Which scan root a requested path lies beneath, and how it splits into the
// parts the daemon opens one at a time: the root, the directory below it,
// and the file name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

struct RootedPath {
    std::string root;    // as configured
    std::string parent;  // relative to root; empty for a file directly in it
    std::string name;    // the last component
};

// The longest root that `path` (checked with check_path) lies strictly
// beneath; empty when none does (always, with no roots).
std::optional<RootedPath> split_beneath(const std::vector<std::string>& roots,
                                        std::string_view path);

}  // namespace scannedonly
