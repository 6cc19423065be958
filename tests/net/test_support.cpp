#include "net/test_support.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace polycopy::net::testing {

// Keeps formatted lines; text() reads them under the sink's own lock (io threads log too).
class StringSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    text_.append(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

LogCapture::LogCapture()
    : sink_(std::make_shared<StringSink>()), previous_(spdlog::default_logger()) {
  auto logger = std::make_shared<spdlog::logger>("capture", sink_);
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

LogCapture::~LogCapture() {
  spdlog::set_default_logger(previous_);
}

std::string LogCapture::text() const {
  return sink_->text();
}

}  // namespace polycopy::net::testing
