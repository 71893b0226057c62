// scannedonly_prescan: sends every file of a tree that has no fresh marker
// to scannedonlyd, for cron or a systemd timer. See scannedonly_prescan(8).
#include "console.hpp"
#include "dispatcher.hpp"
#include "sender.hpp"
#include "walker.hpp"
#include "scannedonly/prescan_options.hpp"
#include "scannedonly/prescan_report.hpp"
#include "scannedonly/signature_stamp.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

using namespace scannedonly;
using namespace scannedonly::prescan;

namespace {

int run(const PrescanOptions& options) {
    const auto start = Dispatcher::Clock::now();
    Tally tally;
    Console console(options.quiet, options.wait && isatty(STDERR_FILENO));
    std::unique_ptr<Sender> sender;
    if (!options.dry_run) {
        try {
            sender = std::make_unique<Sender>(options);
        } catch (const SendError& e) {
            console.error(e.what());
            return kExitFailure;
        }
    }
    Dispatcher dispatcher(options, tally, console, sender.get(), start);
    Walker walker(options, tally, console,
                  [&](Candidate&& c) { return dispatcher.add(std::move(c)); });
    for (const std::string& root : options.roots)
        if (!walker.walk(root)) break;
    dispatcher.finish();
    const bool waited = options.wait && !options.dry_run;
    console.finish(tally, waited, dispatcher.elapsed(),
                   options.dry_run ? " (dry run: nothing sent or removed)" : "");
    return exit_status(tally, waited);
}

// --rescan-outdated compares markers with the stamp the daemon publishes.
bool read_current_stamp(PrescanOptions& options) {
    const auto st = lstat_at(AT_FDCWD, options.signature_stamp_file);
    options.current_stamp = st ? published_stamp(*st, options.trusted) : std::nullopt;
    if (!options.current_stamp)
        std::fprintf(stderr,
                     "scannedonly_prescan: --rescan-outdated: no signature stamp published in "
                     "%s (is scannedonlyd running? see its SignatureStampFile)\n",
                     options.signature_stamp_file.c_str());
    return options.current_stamp.has_value();
}

}  // namespace

int main(int argc, char* argv[]) {
    const auto parsed = parse_prescan_command_line(argc, argv);
    if (const auto* error = std::get_if<UsageError>(&parsed)) {
        std::fprintf(stderr, "scannedonly_prescan: %s\nTry 'scannedonly_prescan --help'.\n",
                     error->message.c_str());
        return kExitUsage;
    }
    if (std::holds_alternative<ShowHelp>(parsed)) {
        std::fputs(prescan_usage(), stdout);
        return kExitClean;
    }
    if (std::holds_alternative<ShowVersion>(parsed)) {
        std::printf("scannedonly_prescan %s\n", SCANNEDONLY_VERSION);
        return kExitClean;
    }
    PrescanOptions options = std::get<PrescanOptions>(parsed);
    if (options.rescan_outdated && !read_current_stamp(options)) return kExitFailure;
    return run(options);
}
