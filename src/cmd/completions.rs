//! `dbadvise completions bash|zsh|fish`: a completion script generated from the clap
//! command itself, so it knows every command and option the binary has.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionShell};
use crate::error::CommandResult;

/// The script for `shell`, as the shell's completion system loads it.
pub fn script(shell: CompletionShell) -> Vec<u8> {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "dbadvise", &mut out);
    out
}

pub fn run(shell: CompletionShell) -> CommandResult {
    super::print(&script(shell))
}
