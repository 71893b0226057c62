#include "database_watch.hpp"

#include <clamav.h>

#include <algorithm>
#include <tuple>

namespace scannedonlyd {

namespace {
DatabaseFile file_of(const STATBUF& st) {
    return {st.st_dev,         st.st_ino,         st.st_size,        st.st_mtim.tv_sec,
            st.st_ctim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_nsec};
}
}  // namespace

DatabaseState database_state(const std::string& dir) {
    cl_stat stat{};
    const bool read = cl_statinidir(dir.c_str(), &stat) == CL_SUCCESS;
    std::vector<DatabaseFile> files;
    for (unsigned i = 0; read && i < stat.entries; ++i) files.push_back(file_of(stat.stattab[i]));
    cl_statfree(&stat);
    if (!read) return std::nullopt;
    std::sort(files.begin(), files.end(), [](const DatabaseFile& a, const DatabaseFile& b) {
        return std::tie(a.dev, a.ino) < std::tie(b.dev, b.ino);
    });
    return files;
}

}  // namespace scannedonlyd
