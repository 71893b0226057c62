#include "signature_identity.hpp"

#include "database_watch.hpp"
#include "scannedonly/fd.hpp"
#include "scannedonly/signature_stamp.hpp"

#include <clamav.h>
#include <dirent.h>
#include <fcntl.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <set>
#include <stdexcept>

namespace scannedonlyd {

using scannedonly::Fd;

namespace {

std::string hex(const unsigned char* bytes, unsigned size) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < size; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

bool signed_database(const std::string& name) {
    return name.ends_with(".cvd") || name.ends_with(".cld");
}

// A signed database is named by its header: hashing a 200 MB main.cvd at
// every reload would cost seconds for nothing its version does not say.
std::string describe_file(int dir_fd, const std::string& dir, const std::string& name) {
    if (signed_database(name)) {
        std::unique_ptr<cl_cvd, void (*)(cl_cvd*)> head(cl_cvdhead((dir + "/" + name).c_str()),
                                                         cl_cvdfree);
        if (head)
            return name + " " + std::to_string(head->version) + " " +
                   std::to_string(head->stime) + "\n";
    }
    Fd fd(openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    unsigned size = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> digest(
        fd ? cl_hash_file_fd(fd.get(), "sha256", &size) : nullptr, std::free);
    return name + " " + (digest ? "sha256:" + hex(digest.get(), size) : "unreadable") + "\n";
}

// The names of the files libclamav takes for databases, sorted.
std::set<std::string> database_names(int dir_fd, const DatabaseState& state) {
    std::set<std::string> names;
    DIR* dir = fdopendir(dup(dir_fd));
    if (dir == nullptr) return names;
    while (const dirent* entry = readdir(dir)) {
        struct stat st {};
        if (fstatat(dir_fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        const bool database = std::any_of(state->begin(), state->end(), [&](const DatabaseFile& f) {
            return f.dev == st.st_dev && f.ino == st.st_ino;
        });
        if (database) names.emplace(entry->d_name);
    }
    closedir(dir);
    return names;
}

}  // namespace

SignatureIdentity identify_signatures(const std::string& database_dir) {
    SignatureIdentity identity;
    const DatabaseState state = database_state(database_dir);
    Fd dir(open(database_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (state && dir)
        for (const std::string& name : database_names(dir.get(), state))
            identity.description += describe_file(dir.get(), database_dir, name);
    unsigned char digest[32];
    unsigned size = sizeof digest;
    if (cl_hash_data("sha256", identity.description.data(), identity.description.size(), digest,
                     &size) == nullptr)
        throw std::runtime_error("cannot hash the signatures' identity");
    identity.stamp = scannedonly::stamp_from_digest(
        std::string_view(reinterpret_cast<const char*>(digest), size));
    return identity;
}

}  // namespace scannedonlyd
