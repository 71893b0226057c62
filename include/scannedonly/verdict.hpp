// Reading a verdict back from disk: what the daemon decided about a file the
// prescan tool sent, judged from lstat facts of the file and its neighbours.
#pragma once

#include "scannedonly/markers.hpp"

#include <optional>

namespace scannedonly {

enum class Verdict { Pending, Clean, Infected, Failed };

struct VerdictFacts {
    std::optional<FileFacts> file;     // empty: the name no longer exists
    MarkerFacts scanned;               // .scanned:NAME
    MarkerFacts failed;                // .failed:NAME
    bool virus_entry = false;          // .virus:NAME exists
    bool warning_file = false;         // the daemon's warning file exists
};

// `failed_before` is the .failed: marker as it was when the file was sent:
// only a marker written after that counts as this run's verdict, unless it
// vouches for the file as it is (file_access's rules), which the daemon
// lets stand rather than scanning the file again (failed_retry.hpp).
// A file that is gone without any trace stays Pending; the caller decides
// when that has lasted long enough to call it Vanished.
//
// A file sent for its outdated marker is Clean once its marker carries the
// current stamp, or once the marker was rewritten since it was sent (the
// daemon may have loaded newer signatures meanwhile).
struct OutdatedRescan {
    std::optional<SignatureStamp> current;
    MarkerFacts scanned_before;  // .scanned:NAME when it was sent
};
Verdict judge(const VerdictFacts& facts, const MarkerFacts& failed_before,
              const TrustedOwners& trusted, const OutdatedRescan& rescan = {});

}  // namespace scannedonly
