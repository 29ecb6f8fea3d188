//! The one queue the event loop blocks on. Terminal input (read on its own thread),
//! signals, and every background job's result arrive on it as [`Message`]s.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use crossterm::event::{self, Event};

use crate::app::Action;

/// Something for the event loop.
#[derive(Debug)]
pub enum Message {
    /// A terminal event (key, mouse, resize, paste): the loop turns it into an action for
    /// the mode the app is in.
    Input(Event),
    /// An action that needs no decoding: a job's result, a signal.
    Action(Action),
    /// The dictionaries are open (the loop takes them from the loader).
    DictionariesReady,
    /// Matches of search job `job`.
    Searched {
        job: u64,
        found: crate::app::outcome::SearchFound,
    },
    /// Reading the terminal failed.
    InputFailed(std::io::Error),
}

/// The queue: a sender for each producer, one receiver for the loop.
pub struct Queue {
    pub sender: Sender<Message>,
    pub receiver: Receiver<Message>,
}

impl Queue {
    pub fn new() -> Queue {
        let (sender, receiver) = channel();
        Queue { sender, receiver }
    }
}

impl Default for Queue {
    fn default() -> Self {
        Queue::new()
    }
}

/// How long the input thread waits for the terminal before it looks at its flags.
const INPUT_POLL: Duration = Duration::from_millis(50);

/// Every this many empty polls, the input thread checks that the terminal is still there.
const HANGUP_CHECK_EVERY: u32 = 4;

/// The thread that reads the terminal. It can be paused while another program (the
/// external editor) has the terminal.
pub struct InputThread {
    pause: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
}

impl InputThread {
    /// Start reading the terminal; events go to `sender`.
    pub fn start(sender: Sender<Message>) -> InputThread {
        let pause = Arc::new(AtomicBool::new(false));
        let paused = Arc::new(AtomicBool::new(false));
        let (want, ack) = (Arc::clone(&pause), Arc::clone(&paused));
        std::thread::spawn(move || read_input(&sender, &want, &ack));
        InputThread { pause, paused }
    }

    /// Stop reading until [`InputThread::resume`]; returns once the thread reads no more
    /// (so that no key meant for the other program is taken).
    pub fn pause(&self) {
        self.pause.store(true, Ordering::SeqCst);
        for _ in 0..100 {
            if self.paused.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn resume(&self) {
        self.pause.store(false, Ordering::SeqCst);
    }
}

fn read_input(sender: &Sender<Message>, pause: &AtomicBool, paused: &AtomicBool) {
    let mut empty_polls = 0u32;
    loop {
        if pause.load(Ordering::SeqCst) {
            paused.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        paused.store(false, Ordering::SeqCst);
        let message = match event::poll(INPUT_POLL) {
            Ok(true) if pause.load(Ordering::SeqCst) => continue,
            Ok(true) => match event::read() {
                Ok(e) => Message::Input(e),
                Err(e) => Message::InputFailed(e),
            },
            Ok(false) => {
                empty_polls += 1;
                if empty_polls.is_multiple_of(HANGUP_CHECK_EVERY) && terminal_gone() {
                    Message::Action(Action::Terminate)
                } else {
                    continue;
                }
            }
            Err(e) => Message::InputFailed(e),
        };
        let last = matches!(
            message,
            Message::InputFailed(_) | Message::Action(Action::Terminate)
        );
        if sender.send(message).is_err() || last {
            return;
        }
    }
}

/// A terminal that hung up (closed window, dropped connection) is no terminal any more,
/// even if no SIGHUP came.
fn terminal_gone() -> bool {
    use std::io::IsTerminal;
    !std::io::stdin().is_terminal() && !std::io::stdout().is_terminal()
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT arrive as [`Action::Terminate`]: the loop saves
/// and leaves, with the terminal restored. SIGTSTP arrives as [`Action::Suspend`] (the
/// loop gives the terminal back before it stops) and SIGCONT as [`Action::Continued`].
pub fn forward_signals(sender: Sender<Message>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let action = match signal {
                SIGTSTP => Action::Suspend,
                SIGCONT => Action::Continued,
                _ => Action::Terminate,
            };
            if sender.send(Message::Action(action)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Stop the process as SIGTSTP's default action would; returns when it is continued.
pub fn stop_until_continued() {
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
}
