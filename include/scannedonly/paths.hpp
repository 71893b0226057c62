// Splitting a path into its directory and last name, and joining them.
#pragma once

#include <string>
#include <string_view>

namespace scannedonly {

// "dir/NAME" -> {"dir/", "NAME"}; "/NAME" -> {"/", "NAME"}; "NAME" -> {"", "NAME"}.
// The dir keeps its '/' so that dir + another name is a sibling's path.
struct SplitPath {
    std::string_view dir;  // with its trailing '/', or empty
    std::string_view name;
};
SplitPath split_last(std::string_view path);

// "/" joins without doubling the root's slash.
std::string join_path(std::string_view dir, std::string_view name);

}  // namespace scannedonly
