#include "scannedonly/verdict.hpp"

namespace scannedonly {

namespace {
bool same_marker(const MarkerFacts& a, const MarkerFacts& b) {
    return a.exists == b.exists && same_time(a.ctime, b.ctime);
}

bool trusted_marker(const MarkerFacts& m, const TrustedOwners& trusted) {
    return m.exists && m.regular && trusted.trusts(m.owner);
}
}  // namespace

Verdict judge(const VerdictFacts& facts, const MarkerFacts& failed_before,
              const TrustedOwners& trusted, const OutdatedRescan& rescan) {
    // Renamed to .virus:NAME, or moved to quarantine with a warning left.
    if (!facts.file) return facts.virus_entry || facts.warning_file ? Verdict::Infected
                                                                   : Verdict::Pending;
    const Access access = file_access(*facts.file, facts.scanned, trusted, rescan.current);
    if (access == Access::Allowed ||
        (access == Access::Outdated && !same_marker(facts.scanned, rescan.scanned_before)))
        return Verdict::Clean;
    // The daemon does not scan again a file whose failure still vouches for
    // it (failed_retry.hpp): that marker is the verdict, however old.
    const bool new_failure = trusted_marker(facts.failed, trusted) &&
                             !same_marker(facts.failed, failed_before) &&
                             ctime_newer(facts.failed.ctime, facts.file->ctime);
    if (new_failure || (facts.failed.exists &&
                        file_access(*facts.file, facts.failed, trusted) == Access::Allowed))
        return Verdict::Failed;
    return Verdict::Pending;
}

}  // namespace scannedonly
