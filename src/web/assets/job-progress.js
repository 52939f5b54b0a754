// Follows a background job (an audit, a dataset's scan or protection) without reloading: asks for its status every two
// seconds, moves the progress bar and says the phase in the live region; when the job has finished (or failed) the page
// is loaded again to show the result.
const section = document.querySelector(".job-progress[data-status-url]");
if (section) {
  const runningStates = (section.dataset.runningStates || "").split(" ");
  const bar = section.querySelector("progress");
  const text = section.querySelector(".progress-text");
  const poll = async () => {
    try {
      const response = await fetch(section.dataset.statusUrl, { headers: { accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const status = await response.json();
        if (!runningStates.includes(status.state)) return window.location.reload();
        if (status.progress) {
          const percent = status.progress.fraction === null ? null : Math.round(status.progress.fraction * 100);
          if (percent === null) bar.removeAttribute("value");
          else bar.value = percent;
          const phase = section.dataset[`phase${status.progress.phase[0].toUpperCase()}${status.progress.phase.slice(1)}`] || "";
          const line = percent === null ? phase : `${phase} – ${percent} %`;
          if (text.textContent !== line) text.textContent = line;
        }
      }
    } catch {
      // A missed poll is retried at the next tick.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 1000);
}
