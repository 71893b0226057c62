#include "placeholder.hpp"

#include "conn_state.hpp"
#include "facts.hpp"

namespace scannedonly_vfs {

using namespace scannedonly;

bool placeholders_enabled(const ConnState& state) {
    return decide_listing(EntryType::Regular, Access::NeedsScan, state.options).action ==
           ListingAction::Placeholder;
}

bool has_placeholder_form(const ConnState& state, std::string_view path) {
    return placeholders_enabled(state) &&
           split_last(path).name.ends_with(state.options.scanning_message);
}

std::string placeholder_source(const ConnState& state, std::string_view path) {
    const SplitPath parts = split_last(path);
    auto target = placeholder_target(parts.name, state.options.scanning_message);
    if (!target || is_reserved_name(*target, state.options.prefixes)) return {};
    return std::string(parts.dir) + *target;
}

void make_placeholder_stat(SMB_STRUCT_STAT& st) {
    st.st_ex_size = 0;
    st.st_ex_blocks = 0;
}

std::optional<SMB_STRUCT_STAT> placeholder_stat(const ConnState& state,
                                                const files_struct* dirfsp,
                                                std::string_view path) {
    if (!has_placeholder_form(state, path)) return std::nullopt;
    const std::string source = placeholder_source(state, path);
    if (source.empty()) return std::nullopt;
    if (stat_at(dirfsp, path, AT_SYMLINK_NOFOLLOW) || errno != ENOENT)
        return std::nullopt;  // a real file of that name wins
    auto st = stat_at(dirfsp, source, AT_SYMLINK_NOFOLLOW);
    if (!st || !S_ISREG(st->st_ex_mode) ||
        access_at(state, dirfsp, source, *st) != Access::NeedsScan) {
        errno = ENOENT;
        return std::nullopt;
    }
    make_placeholder_stat(*st);
    return st;
}

}  // namespace scannedonly_vfs
