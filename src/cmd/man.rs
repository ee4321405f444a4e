//! `dbadvise man`: the manual page, in roff, generated from the clap command by
//! clap_mangen. One page holds everything: clap_mangen's own page would refer to a
//! `dbadvise-recommend(1)` page per command, which one `dbadvise man > dbadvise.1`
//! does not install, so each command's synopsis, description and options follow in
//! COMMANDS instead.

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;
use crate::error::{CommandResult, Error};
use crate::exit::Exit;

type Render = fn(&Man, &mut dyn std::io::Write) -> std::io::Result<()>;

/// The man page, section 1.
pub fn page() -> Result<String, Error> {
    let mut root = Cli::command();
    // Gives every command its full name (`dbadvise kb check`) for the synopses.
    root.build();
    render(&root)
        // Rendering into memory fails only if clap_mangen itself does.
        .map_err(|e| Error::new(Exit::Internal, "cannot render the man page").because(e))
}

fn render(root: &clap::Command) -> std::io::Result<String> {
    let man = Man::new(root.clone());
    // The title's rendering starts with the preamble that defines the strings the
    // text uses (`\*(Aq`); every rendering repeats it, so the others leave it out.
    let mut out = text(&man, Man::render_title)?;
    for section in [
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        out += &body(&man, section, true)?;
    }
    out += ".SH COMMANDS\n";
    for command in commands(root) {
        let name = command.get_bin_name().unwrap_or(command.get_name());
        out += &format!(".SS \"{name}\"\n");
        // `--kb` and `--help` are the same for every command: said once, at the top.
        let command = command.clone().mut_args(|arg| {
            let everywhere = arg.is_global_set() || arg.get_id() == "help";
            arg.hide(everywhere)
        });
        let man = Man::new(command);
        let mut parts = Vec::new();
        for section in [
            Man::render_synopsis_section,
            Man::render_description_section,
            Man::render_options_section,
        ] {
            // Under the command's heading, without a heading of their own.
            let part = body(&man, section, false)?;
            if !part.is_empty() {
                parts.push(part);
            }
        }
        out += &parts.join(".PP\n");
    }
    out += &exit_status();
    out += &body(&man, Man::render_version_section, true)?;
    Ok(out)
}

/// EXIT STATUS: every code and what it means, one tagged paragraph each.
fn exit_status() -> String {
    let mut out = String::from(".SH \"EXIT STATUS\"\n");
    for (exit, meaning) in Exit::ALL {
        // A line starting with `.` or `'` would be read as a request.
        let meaning = meaning.replace('\\', "\\\\").replace('-', "\\-");
        out += &format!(".TP\n{}\n{meaning}\n", exit as u8);
    }
    out
}

/// The commands that run something, in the order `--help` lists them: `kb check`
/// and `kb export` rather than `kb`, and not clap's `help`.
fn commands(command: &clap::Command) -> Vec<&clap::Command> {
    command
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
        .flat_map(|c| {
            if c.has_subcommands() {
                commands(c)
            } else {
                vec![c]
            }
        })
        .collect()
}

fn text(man: &Man, render: Render) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    render(man, &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A section without the preamble, and without its `.SH` heading unless `heading`.
fn body(man: &Man, render: Render, heading: bool) -> std::io::Result<String> {
    let mut out = String::new();
    for line in text(man, render)?.lines() {
        let preamble = line.starts_with(".ie ") || line.starts_with(".el ");
        if !preamble && (heading || !line.starts_with(".SH ")) {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

pub fn run() -> CommandResult {
    super::print(page()?.as_bytes())
}
