#include "engine/local_evm.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "chain/node_script.hpp"

namespace polycopy::engine::testing {
namespace {

std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("no free loopback port");
  close(fd);
  return ntohs(address.sin_port);
}

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

LocalEvm::LocalEvm(std::uint64_t chain_id) {
  const std::string dir = test::tools_dir("evm");
  if (!std::filesystem::exists(dir + "/node_modules/ganache"))
    throw std::runtime_error("tools/evm/node_modules is missing: run `cd " + dir +
                             " && npm ci` (the set-up script does this)");
  char pattern[] = "/tmp/polycopy-evm-XXXXXX";
  if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  state_ = pattern;
  const std::string port = std::to_string(free_port());
  const std::string chain = std::to_string(chain_id);
  const std::string state = state_.string();
  const std::string log = (state_ / "node.log").string();

  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    if (FILE* err = std::fopen(log.c_str(), "w")) dup2(fileno(err), STDERR_FILENO);
    close(in[1]);
    close(out[0]);
    if (chdir(dir.c_str()) != 0) _exit(127);
    execlp("node", "node", "evm.mjs", "up", "--port", port.c_str(), "--state", state.c_str(),
           "--chain-id", chain.c_str(), "--exit-on-eof", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];  // held open: the node stops when it closes (this process dies)

  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{out[0], POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[4096];
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  if (line.find('\n') == std::string::npos) {
    std::FILE* f = std::fopen(log.c_str(), "r");
    const std::string why = f ? read_all(fileno(f)) : "";
    if (f) std::fclose(f);
    stop();
    throw std::runtime_error("the local EVM did not come up: " + why);
  }
  deployment_ = nlohmann::json::parse(line.substr(0, line.find('\n')));
}

LocalEvm::~LocalEvm() {
  stop();
}

void LocalEvm::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (stdin_fd_ >= 0) {
    close(stdin_fd_);
    stdin_fd_ = -1;
  }
  std::error_code ignored;
  if (!state_.empty()) std::filesystem::remove_all(state_, ignored);
}

std::string LocalEvm::conditional_tokens() const {
  return deployment_["conditional_tokens"].get<std::string>();
}

std::string LocalEvm::collateral() const {
  return deployment_["collateral"].get<std::string>();
}

chain::PrivateKey LocalEvm::wallet_key(int n) const {
  return chain::PrivateKey::parse(
             deployment_["wallets"][static_cast<std::size_t>(n)]["private_key"].get<std::string>())
      .value();
}

std::uint64_t LocalEvm::collateral_of(int wallet, const std::string& condition) const {
  return std::stoull(run("balances", "--wallet " + std::to_string(wallet) + " --condition " +
                                         condition)["collateral_balance"]
                         .get<std::string>());
}

nlohmann::json LocalEvm::run(const std::string& command, const std::string& arguments) const {
  const std::string err = (state_ / "command.err").string();
  const std::string line = "cd '" + test::tools_dir("evm") + "' && node evm.mjs " + command +
                           " --state '" + state_.string() + "' " + arguments + " 2>'" + err + "'";
  FILE* pipe = popen(line.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot start: " + line);
  const std::string output = read_all(fileno(pipe));
  const int status = pclose(pipe);
  if (status != 0) {
    std::FILE* f = std::fopen(err.c_str(), "r");
    const std::string why = f ? read_all(fileno(f)) : "";
    if (f) std::fclose(f);
    throw std::runtime_error("evm.mjs " + command + " failed: " + why);
  }
  return nlohmann::json::parse(output.substr(0, output.find('\n')));
}

}  // namespace polycopy::engine::testing
