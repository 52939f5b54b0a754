// Shows how much of a file upload has been sent. Without this script the form posts as usual; with it the same
// request goes through XMLHttpRequest, whose upload events give the progress, and the browser then follows the answer.
for (const form of document.querySelectorAll("form.upload-form")) {
  form.addEventListener("submit", (event) => {
    const input = form.querySelector('input[type="file"]');
    if (!input || !input.files || input.files.length === 0) return; // the server names the missing file
    event.preventDefault();
    const status = form.querySelector(".upload-status");
    const button = form.querySelector('button[type="submit"]');
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.id = "upload-progress";
    bar.setAttribute("aria-label", form.dataset.progressTitle || "");
    status.before(bar);
    button.disabled = true;
    let announced = -1;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", (progress) => {
      if (!progress.lengthComputable) return;
      const percent = Math.floor((progress.loaded / progress.total) * 100);
      bar.value = percent;
      // Screen readers hear every tenth percent, not every event.
      if (Math.floor(percent / 10) !== announced) {
        announced = Math.floor(percent / 10);
        status.textContent = (form.dataset.progressLabel || "{{percent}} %").replace("{{percent}}", String(percent));
      }
    });
    xhr.addEventListener("load", () => {
      if (xhr.status < 400) return window.location.assign(xhr.responseURL);
      // A refused upload: the answer is the form again with its error summary.
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", () => {
      status.textContent = form.dataset.errorLabel || "";
      bar.remove();
      button.disabled = false;
    });
    xhr.send(new FormData(form));
  });
}
