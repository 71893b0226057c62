#include "scannedonly/signature_stamp.hpp"

#include <fcntl.h>

namespace scannedonly {

bool valid_stamp(SignatureStamp stamp) { return stamp > 0 && stamp < kStampLimit; }

SignatureStamp stamp_from_digest(std::string_view digest) {
    std::uint32_t bits = 0;
    for (std::size_t i = 0; i < 4 && i < digest.size(); ++i)
        bits = (bits << 8) | static_cast<unsigned char>(digest[i]);
    const SignatureStamp stamp = bits % static_cast<std::uint32_t>(kStampLimit);
    return stamp == 0 ? 1 : stamp;
}

std::optional<SignatureStamp> published_stamp(const struct stat& st, const TrustedOwners& trusted) {
    if (!S_ISREG(st.st_mode) || !trusted.trusts(st.st_uid) || !valid_stamp(st.st_mtim.tv_sec))
        return std::nullopt;
    return st.st_mtim.tv_sec;
}

StampWatch::StampWatch(std::string path, TrustedOwners trusted, Clock::duration interval)
    : path_(std::move(path)), trusted_(std::move(trusted)), interval_(interval) {}

std::optional<SignatureStamp> StampWatch::current(Clock::time_point now) {
    if (checked_ && now - *checked_ < interval_) return stamp_;
    checked_ = now;
    const auto st = lstat_at(AT_FDCWD, path_);
    stamp_ = st ? published_stamp(*st, trusted_) : std::nullopt;
    return stamp_;
}

}  // namespace scannedonly
