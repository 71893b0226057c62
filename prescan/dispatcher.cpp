#include "dispatcher.hpp"

#include "scannedonly/verdict.hpp"
#include "scannedonly/walk_rules.hpp"

#include <fcntl.h>

#include <algorithm>
#include <thread>

namespace scannedonly::prescan {

namespace {
using namespace std::chrono_literals;
constexpr auto kPollInterval = 100ms;
// A file gone without a .virus: entry or warning file may be mid-quarantine;
// after this long it was deleted by someone else.
constexpr auto kVanishGrace = 3s;
// No verdict for this long: the daemon may have dropped requests (full
// queue, restart, lost UDP). Re-sending is harmless: it merges duplicates.
constexpr auto kResendAfter = 20s;

bool exists(const std::string& path) { return lstat_at(AT_FDCWD, path).has_value(); }
}  // namespace

Dispatcher::Dispatcher(const PrescanOptions& options, Tally& tally, Console& console,
                       Sender* sender, Clock::time_point start)
    : options_(options), tally_(tally), console_(console), sender_(sender), start_(start),
      last_progress_(start), encoder_(options.priority) {
    if (options.wait && options.wait_timeout) deadline_ = start + *options.wait_timeout;
}

std::chrono::milliseconds Dispatcher::elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_);
}

bool Dispatcher::add(Candidate&& candidate) {
    if (stopped_) return false;
    ++tally_.sent;
    if (options_.dry_run) {
        console_.result("send " + candidate.path);
        return true;
    }
    // One datagram per kBatchBytes: flush before a path would overflow it.
    const std::size_t line = encoder_.line_size(candidate.path);
    if (unflushed_bytes_ + line > kBatchBytes && !flush()) return false;
    encoder_.add(candidate.path);
    unflushed_bytes_ += line;
    if (options_.wait) {
        pending_.push_back({std::move(candidate), std::nullopt});
        // Down to half before sending more, so datagrams stay full.
        const std::size_t low_water = std::max<std::size_t>(1, options_.max_pending / 2);
        if (pending_.size() >= options_.max_pending && !(flush() && wait_below(low_water)))
            return false;
    }
    console_.progress(tally_, elapsed());
    return true;
}

bool Dispatcher::flush() {
    unflushed_bytes_ = 0;
    for (const std::string& datagram : encoder_.take())
        if (!send(datagram)) return false;
    return true;
}

bool Dispatcher::send(const std::string& datagram) {
    if (stopped_) return false;
    try {
        sender_->send(datagram);
        return true;
    } catch (const SendError& e) {
        console_.error(e.what());
        ++tally_.errors;
        stopped_ = true;
        return false;
    }
}

void Dispatcher::finish() {
    if (options_.dry_run || !flush()) return;
    if (options_.wait) wait_below(1);
}

bool Dispatcher::wait_below(std::size_t limit) {
    while (pending_.size() >= limit) {
        poll();
        console_.progress(tally_, elapsed());
        if (pending_.size() < limit) break;
        const auto now = Clock::now();
        if (deadline_ && now >= *deadline_) {
            console_.error("timed out after " + format_elapsed(elapsed()) + " with " +
                           std::to_string(pending_.size()) + " files still waiting for scannedonlyd");
            stopped_ = true;
            return false;
        }
        if (now - last_progress_ >= kResendAfter && !resend_pending()) return false;
        std::this_thread::sleep_for(kPollInterval);
    }
    return true;
}

bool Dispatcher::resend_pending() {
    last_progress_ = Clock::now();
    for (const Pending& p : pending_) encoder_.add(p.candidate.path);
    return flush();
}

void Dispatcher::poll() {
    const auto before = pending_.size();
    std::erase_if(pending_, [this](Pending& p) { return settled(p); });
    if (pending_.size() != before) last_progress_ = Clock::now();
}

bool Dispatcher::settled(Pending& pending) {
    const std::string& path = pending.candidate.path;
    const auto [dir_view, name] = split_last(path);
    const std::string dir(dir_view);
    const Prefixes& prefixes = options_.prefixes;
    VerdictFacts facts;
    if (auto st = lstat_at(AT_FDCWD, path)) facts.file = file_facts(*st);
    facts.scanned = marker_facts(lstat_at(AT_FDCWD, dir + scanned_marker_name(name, prefixes)));
    facts.failed = marker_facts(lstat_at(AT_FDCWD, dir + failed_marker_name(name, prefixes)));
    if (!facts.file) {
        facts.virus_entry = exists(dir + virus_name(name, prefixes));
        facts.warning_file = exists(dir + warning_file_name(name));
    }
    const Candidate& c = pending.candidate;
    const Verdict verdict =
        judge(facts, c.failed_before, options_.trusted, {options_.current_stamp, c.scanned_before});
    if (verdict != Verdict::Pending && c.outdated) ++tally_.outdated_rescanned;
    switch (verdict) {
    case Verdict::Clean: ++tally_.clean; return true;
    case Verdict::Failed:
        ++tally_.failed;
        console_.error("scannedonlyd could not scan " + path);
        return true;
    case Verdict::Infected:
        ++tally_.infected;
        console_.result(path + ": INFECTED, " +
                        (facts.virus_entry ? "renamed to " + virus_name(name, prefixes)
                                           : std::string("moved to quarantine")) +
                        ", see " + warning_file_name(name));
        return true;
    case Verdict::Pending: break;
    }
    if (facts.file) {
        pending.gone_since.reset();
        return false;
    }
    if (!pending.gone_since) pending.gone_since = Clock::now();
    if (Clock::now() - *pending.gone_since < kVanishGrace) return false;
    ++tally_.vanished;
    return true;
}

}  // namespace scannedonly::prescan
