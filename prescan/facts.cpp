#include "facts.hpp"

#include <fcntl.h>

namespace scannedonly::prescan {

std::optional<struct stat> lstat_at(int dirfd, const std::string& name) {
    struct stat st{};
    if (fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
    return st;
}

FileFacts file_facts(const struct stat& st) {
    return FileFacts{S_ISREG(st.st_mode), st.st_size, st.st_ctim};
}

MarkerFacts marker_facts(const std::optional<struct stat>& st) {
    if (!st) return MarkerFacts{};
    return MarkerFacts{true, S_ISREG(st->st_mode), st->st_uid, st->st_ctim};
}

}  // namespace scannedonly::prescan
