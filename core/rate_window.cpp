#include "scannedonly/rate_window.hpp"

namespace scannedonly {

void RateWindow::add(Clock::time_point now, std::uint64_t files, std::uint64_t bytes) {
    samples_.push_back({now, files, bytes});
    while (samples_.size() > 2 && now - samples_[1].at >= span_) samples_.pop_front();
}

RateWindow::Rates RateWindow::rates() const {
    if (samples_.size() < 2) return {};
    const Sample& first = samples_.front();
    const Sample& last = samples_.back();
    const double seconds = std::chrono::duration<double>(last.at - first.at).count();
    if (seconds <= 0) return {};
    return {(last.files - first.files) / seconds, (last.bytes - first.bytes) / seconds};
}

}  // namespace scannedonly
