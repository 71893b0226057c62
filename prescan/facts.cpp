#include "facts.hpp"

#include <fcntl.h>

namespace scannedonly::prescan {

std::optional<struct stat> lstat_at(int dirfd, const std::string& name) {
    struct stat st{};
    if (fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
    return st;
}

}  // namespace scannedonly::prescan
