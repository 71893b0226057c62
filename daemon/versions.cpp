#include "versions.hpp"

#include "scannedonly/virus_log_line.hpp"

#include <clamav.h>

#include <filesystem>

namespace scannedonlyd {

namespace {

std::string database_lines(const std::string& dir) {
    std::string text;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        const std::string ext = entry.path().extension();
        if (ext != ".cvd" && ext != ".cld") continue;
        cl_cvd* head = cl_cvdhead(entry.path().c_str());
        if (head == nullptr) continue;
        text += "signatures: " + entry.path().filename().string() + " version " +
                std::to_string(head->version) + " (" + (head->time ? head->time : "") + "), " +
                std::to_string(head->sigs) + " signatures\n";
        cl_cvdfree(head);
    }
    if (!text.empty()) return text;
    unsigned int sigs = 0;
    if (cl_countsigs(dir.c_str(), CL_COUNTSIGS_ALL, &sigs) != CL_SUCCESS)
        return "signatures: none readable in " + dir + "\n";
    return "signatures: " + std::to_string(sigs) + " in " + dir + " (no .cvd or .cld)\n";
}

}  // namespace

std::string version_lines(const std::string& database_dir) {
    return "libclamav " + libclamav_version() + "\n" + database_lines(database_dir);
}

std::string libclamav_version() { return cl_retver(); }

SignatureVersion signature_version(const std::string& database_dir) {
    SignatureVersion found;
    unsigned newest = 0;
    bool daily = false;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(database_dir, error)) {
        const std::string ext = entry.path().extension();
        if (ext != ".cvd" && ext != ".cld") continue;
        const bool is_daily = entry.path().stem() == "daily";
        cl_cvd* head = cl_cvdhead(entry.path().c_str());
        if (head == nullptr) continue;
        if ((is_daily && !daily) || (is_daily == daily && head->version > newest)) {
            newest = head->version;
            daily = is_daily;
            found = {std::to_string(head->version),
                     scannedonly::iso_time(static_cast<std::time_t>(head->stime))};
        }
        cl_cvdfree(head);
    }
    return found;
}

}  // namespace scannedonlyd
