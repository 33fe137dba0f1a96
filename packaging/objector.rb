# SPDX-License-Identifier: GPL-3.0-or-later
# Homebrew formula for objector. Not tested on macOS yet (see README,
# "Portability"): a release fills in url and sha256 for the tarball that
# `make dist` writes (`shasum -a 256 objector-VERSION.tar.gz`).
class Objector < Formula
  desc "Write, send and track letters objecting to AI training on your data"
  homepage "https://example.org/objector"
  url "https://example.org/objector/objector-0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "GPL-3.0-or-later"

  depends_on "pkgconf" => :build
  depends_on "curl"
  depends_on "harfbuzz"
  depends_on "libharu"
  depends_on "libyaml"

  uses_from_macos "libiconv"

  def install
    # Letters that need more than Latin-1 embed DejaVu Serif (and AR PL UMing
    # for Chinese); macOS has neither: point these at installed copies, e.g.
    # from `brew install --cask font-dejavu`.
    fonts = "#{Dir.home}/Library/Fonts"
    system "./configure", *std_configure_args,
           "--disable-silent-rules",
           "--with-libcurl-soname=#{Formula["curl"].opt_lib}/libcurl.4.dylib",
           "--with-libharfbuzz-subset-soname=#{Formula["harfbuzz"].opt_lib}/libharfbuzz-subset.0.dylib",
           "--with-unicode-font=#{fonts}/DejaVuSerif.ttf",
           "--with-unicode-bold-font=#{fonts}/DejaVuSerif-Bold.ttf",
           "--with-cjk-font=#{fonts}/uming.ttc",
           "--with-bash-completion-dir=#{bash_completion}",
           "--with-zsh-completion-dir=#{zsh_completion}",
           "--with-fish-completion-dir=#{fish_completion}"
    system "make", "install"
  end

  test do
    assert_match "GPL version 3 or later", shell_output("#{bin}/objector --version")
    (testpath/"letter.yaml").write <<~YAML
      jurisdiction: uk
      controller: linkedin
      requester:
        name: Test Person
        address: [1 High Street, London SW1A 1AA]
        email: test@example.org
      place: London
      date: 2026-11-29
    YAML
    assert_match "LinkedIn", shell_output("#{bin}/objector generate letter.yaml --format text -o -")
  end
end
