#include "warning_file.hpp"

#include "marker_writer.hpp"
#include "scannedonly/markers.hpp"
#include "scannedonly/paths.hpp"
#include "scannedonly/text_template.hpp"
#include "scannedonly/virus_log_line.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace scannedonlyd {

namespace {

constexpr const char* kBuiltInWarning =
    "The virus scanner found a virus in a file and removed it from the share.\n\n"
    "File:   %FILE%\n"
    "Virus:  %VIRUS%\n"
    "When:   %TIME%\n"
    "Action: %ACTION%\n\n"
    "Ask your administrator if you need the file back.\n";

std::string warning_text(const std::string& path, const std::string& virus, std::time_t when,
                         const Disposal& disposal, const std::string& text_template) {
    std::string where = disposal.action == "renamed" ? "renamed to " + disposal.destination
                        : disposal.action == "quarantined"
                            ? "moved to the quarantine as " + disposal.destination
                            : "left in place, hidden from the share";
    return scannedonly::fill_template(
        text_template.empty() ? kBuiltInWarning : text_template,
        {{"FILE", path}, {"NAME", path.substr(path.rfind('/') + 1)}, {"VIRUS", virus},
         {"TIME", scannedonly::iso_time(when)}, {"ACTION", where},
         {"DESTINATION", disposal.destination}});
}

// Our own earlier warning: a regular single-link file owned by the daemon.
bool ours(int dir_fd, const std::string& name) {
    struct stat st {};
    return fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
           st.st_uid == geteuid() && st.st_nlink == 1;
}

}  // namespace

bool write_warning(int dir_fd, const std::string& path, const std::string& virus,
                   std::time_t when, const Disposal& disposal,
                   const scannedonly::Prefixes& prefixes, const std::string& text_template,
                   scannedonly::SignatureStamp stamp) {
    const std::string name = scannedonly::warning_file_name(scannedonly::split_last(path).name);
    if (ours(dir_fd, name)) unlinkat(dir_fd, name.c_str(), 0);
    Fd fd(openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) return false;
    const std::string text = warning_text(path, virus, when, disposal, text_template);
    struct stat st {};
    if (write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        fstat(fd.get(), &st) != 0)
        return false;
    return write_marker(dir_fd, scannedonly::scanned_marker_name(name, prefixes), st, stamp);
}

}  // namespace scannedonlyd
