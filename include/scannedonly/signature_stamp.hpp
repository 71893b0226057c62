// Which signatures judged a file: the stamp a marker carries, and how the
// module and the prescan tool learn the stamp of the signatures in use.
//
// A stamp is a number in [1, 2^30) derived from the signature databases'
// identity (their versions, or their content where they have none), so
// every node and every restart with the same signatures computes the same
// one. The daemon writes it as the access time (seconds) of each marker it
// stamps: the module stats the marker anyway, so reading it costs nothing.
// As a date a stamp lies before 2004, which no marker's own access time
// does, so markers from before stamps count as outdated, never as current.
//
// A read of a marker may set its access time (relatime), which makes it
// outdated: the file is scanned once more, never served on a wrong verdict.
//
// The daemon publishes the stamp of the engine in use as the modification
// time of a small file (SignatureStampFile, default
// /run/scannedonly/signatures); its text says the same for people.
#pragma once

#include "scannedonly/markers.hpp"

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scannedonly {

inline constexpr SignatureStamp kStampLimit = SignatureStamp{1} << 30;
inline constexpr const char* kDefaultStampFile = "/run/scannedonly/signatures";

bool valid_stamp(SignatureStamp stamp);

// The stamp for a digest of the signatures' identity (at least 4 bytes).
SignatureStamp stamp_from_digest(std::string_view digest);

// The stamp a published stamp file's lstat shows: a regular file owned by
// a trusted user, with a valid stamp as its mtime; else nothing.
std::optional<SignatureStamp> published_stamp(const struct stat& st, const TrustedOwners& trusted);

// The published stamp, looked up at most once per `interval`, so that a
// busy smbd pays one stat every few seconds, not one per file.
class StampWatch {
public:
    using Clock = std::chrono::steady_clock;
    StampWatch(std::string path, TrustedOwners trusted, Clock::duration interval);
    // Nothing while no valid stamp is published (the daemon never ran, or
    // the file is not trustworthy): then no marker counts as outdated.
    std::optional<SignatureStamp> current(Clock::time_point now);

private:
    std::string path_;
    TrustedOwners trusted_;
    Clock::duration interval_;
    std::optional<Clock::time_point> checked_;
    std::optional<SignatureStamp> stamp_;
};

}  // namespace scannedonly
