/* SPDX-License-Identifier: MIT */
/*
 * The transport-independent part of virtio devices (hw/virtio/virtio.h):
 * device status and feature negotiation, queue enabling with checks on
 * the ring addresses, interrupts (with VIRTIO_F_RING_EVENT_IDX
 * suppression), and marking a device broken when the guest misbehaves.
 * Follows OASIS virtio v1.1 sections 2 (basic facilities) and 2.6
 * (split virtqueues).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hw/core/log.h"
#include "hw/virtio/virtio.h"

void virtio_init(VirtIODevice *vdev, const VirtIODeviceClass *cls,
                 uint64_t features, uint32_t config_len)
{
    if (config_len > VIRTIO_CONFIG_MAX) {
        die("virtio-%s: config space too big", cls->name);
    }
    vdev->cls = cls;
    vdev->host_features = features | (1ull << VIRTIO_F_VERSION_1);
    vdev->config_len = config_len;
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, int idx, uint16_t num_max,
                            VirtQueueHandler handle)
{
    VirtQueue *vq = &vdev->vq[idx];

    if (idx < 0 || idx >= VIRTIO_MAX_QUEUES || num_max == 0 ||
        (num_max & (num_max - 1)) != 0) {
        die("virtio-%s: bad queue %d", vdev->cls->name, idx);
    }
    vq->num_max = num_max;
    vq->num = num_max;
    vq->handle = handle;
    return vq;
}

bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit)
{
    return (vdev->guest_features >> bit) & 1;
}

static void update_irq(VirtIODevice *vdev)
{
    if (vdev->update_irq) {
        vdev->update_irq(vdev->transport);
    }
}

void virtio_reset(VirtIODevice *vdev)
{
    vdev->status = 0;
    vdev->isr = 0;
    vdev->guest_features = 0;
    vdev->broken = false;
    for (int i = 0; i < VIRTIO_MAX_QUEUES; i++) {
        VirtQueue *vq = &vdev->vq[i];
        uint16_t num_max = vq->num_max;
        VirtQueueHandler handle = vq->handle;
        memset(vq, 0, sizeof(*vq));
        vq->num_max = vq->num = num_max;
        vq->handle = handle;
    }
    if (vdev->cls->reset) {
        vdev->cls->reset(vdev);
    }
    update_irq(vdev);
}

/* The driver may only accept what we offer, and must accept VERSION_1. */
static bool features_ok(VirtIODevice *vdev)
{
    uint64_t extra = vdev->guest_features & ~vdev->host_features;

    if (extra) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: driver accepted features "
                 "0x%llx not offered\n", vdev->cls->name,
                 (unsigned long long)extra);
        return false;
    }
    if (!vdev->legacy && !virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: legacy driver (no "
                 "VIRTIO_F_VERSION_1) not supported\n", vdev->cls->name);
        return false;
    }
    return true;
}

void virtio_set_status(VirtIODevice *vdev, uint8_t val)
{
    uint8_t old = vdev->status;

    if (val == 0) {
        virtio_reset(vdev);
        return;
    }
    if ((val & VIRTIO_STATUS_FEATURES_OK) &&
        !(old & VIRTIO_STATUS_FEATURES_OK) && !features_ok(vdev)) {
        val &= ~VIRTIO_STATUS_FEATURES_OK;
    }
    if (vdev->broken) {
        val |= VIRTIO_STATUS_NEEDS_RESET;
    }
    vdev->status = val;
    if ((val & VIRTIO_STATUS_DRIVER_OK) && !(old & VIRTIO_STATUS_DRIVER_OK) &&
        vdev->cls->driver_ok) {
        vdev->cls->driver_ok(vdev);
    }
}

void virtio_queue_enable(VirtIODevice *vdev, int idx)
{
    VirtQueue *vq = &vdev->vq[idx];
    uint64_t n = vq->num;

    if (n == 0 || n > vq->num_max || (n & (n - 1)) != 0) {
        virtio_error(vdev, "queue %d: bad size %u (max %u)", idx, vq->num,
                     vq->num_max);
        return;
    }
    if ((vq->desc & 15) || (vq->avail & 1) || (vq->used & 3)) {
        virtio_error(vdev, "queue %d: misaligned ring", idx);
        return;
    }
    if (!virtio_mem_ok(vdev->as, vq->desc, 16 * n, false) ||
        !virtio_mem_ok(vdev->as, vq->avail, 6 + 2 * n, false) ||
        !virtio_mem_ok(vdev->as, vq->used, 6 + 8 * n, true)) {
        virtio_error(vdev, "queue %d: ring outside RAM", idx);
        return;
    }
    vq->ready = true;
    vq->last_avail = vq->used_idx = 0;
    vq->signalled_valid = false;
}

void virtio_queue_notify(VirtIODevice *vdev, int idx)
{
    if (idx < 0 || idx >= VIRTIO_MAX_QUEUES || !vdev->vq[idx].num_max) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: notify of missing queue %d\n",
                 vdev->cls->name, idx);
        return;
    }
    VirtQueue *vq = &vdev->vq[idx];
    if (!vq->ready) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: notify of queue %d before "
                 "it is ready\n", vdev->cls->name, idx);
        return;
    }
    if (!vdev->broken && vq->handle) {
        vq->handle(vdev, vq);
    }
}

static uint16_t read_u16(VirtIODevice *vdev, uint64_t addr)
{
    uint8_t b[2] = { 0, 0 };

    as_read_bytes(vdev->as, addr, b, 2);
    return (uint16_t)(b[0] | b[1] << 8);
}

/* Virtio 1.1 2.6.7.2: interrupt when the used index passed used_event. */
static bool need_interrupt(VirtIODevice *vdev, VirtQueue *vq)
{
    uint16_t old = vq->signalled_used, now = vq->used_idx;
    bool valid = vq->signalled_valid;

    vq->signalled_used = now;
    vq->signalled_valid = true;
    if (valid && old == now) {
        return false;               /* nothing new since the last one */
    }
    if (virtio_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX)) {
        uint16_t event = read_u16(vdev, vq->avail + 4 + 2ull * vq->num);
        return !valid || (uint16_t)(now - event - 1) < (uint16_t)(now - old);
    }
    return !(read_u16(vdev, vq->avail) & 1);    /* VIRTQ_AVAIL_F_NO_INTERRUPT */
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (!vq->ready || !need_interrupt(vdev, vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_QUEUE;
    update_irq(vdev);
}

void virtio_notify_config(VirtIODevice *vdev)
{
    if (!(vdev->status & VIRTIO_STATUS_DRIVER_OK)) {
        return;
    }
    vdev->config_generation++;
    vdev->isr |= VIRTIO_ISR_CONFIG;
    update_irq(vdev);
}

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    if (log_enabled(LOG_GUEST_ERROR)) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        log_printf("virtio-%s: %s; device needs reset\n", vdev->cls->name,
                   msg);
    }
    if (vdev->broken) {
        return;
    }
    vdev->broken = true;
    vdev->status |= VIRTIO_STATUS_NEEDS_RESET;
    virtio_notify_config(vdev);
}

void virtio_free(VirtIODevice *vdev)
{
    if (vdev) {
        vdev->cls->free(vdev);
    }
}
