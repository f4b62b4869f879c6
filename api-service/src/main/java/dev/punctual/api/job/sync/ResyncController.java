package dev.punctual.api.job.sync;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/resync}: rebuild the jobs topic from PostgreSQL, or PostgreSQL from the topic. */
@RestController
@RequestMapping(path = "/admin/resync", produces = MediaType.APPLICATION_JSON_VALUE)
class ResyncController implements ResyncApi {

  private final Resync resync;

  ResyncController(Resync resync) {
    this.resync = resync;
  }

  @Override
  @PostMapping("/topic")
  public Resync.Republished topic() {
    return resync.republishAll();
  }

  @Override
  @PostMapping("/database")
  public Resync.Rebuilt database() {
    return resync.rebuildDatabase();
  }
}
